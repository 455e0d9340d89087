using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices;
using PrivacyDesk.Features.Notices.Recipients;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Data.Configurations;

public sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> b)
    {
        b.HasIndex(p => new { p.MerchantId, p.Label }).IsUnique();
        b.Property(p => p.Label).HasMaxLength(80);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Merchant>().WithMany().HasForeignKey(p => p.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeCampaignConfiguration : IEntityTypeConfiguration<NoticeCampaign>
{
    public void Configure(EntityTypeBuilder<NoticeCampaign> b)
    {
        // One campaign per version: a second click, or a second node, cannot start another (a stopped one is resumed).
        b.HasIndex(c => c.PolicyVersionId).IsUnique();
        b.HasIndex(c => new { c.MerchantId, c.Status });
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.Audience).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.LinkBase).HasMaxLength(500);
        b.HasOne(c => c.PolicyVersion).WithMany().HasForeignKey(c => c.PolicyVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Merchant>().WithMany().HasForeignKey(c => c.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CampaignRecipientConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> b)
    {
        b.HasIndex(r => new { r.CampaignId, r.CustomerId }).IsUnique();
        // The dispatcher's next batch, and the progress counts.
        b.HasIndex(r => new { r.CampaignId, r.Status, r.Id });
        b.HasIndex(r => new { r.MerchantId, r.CustomerId });
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.ConsentTokenHash).HasMaxLength(64);
        b.HasIndex(r => r.ConsentTokenHash).IsUnique();
        b.Property(r => r.Language).HasMaxLength(10);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Consent).HasConversion<string>().HasMaxLength(10);
        b.HasOne<NoticeCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // Erasing a customer takes their notice records with them (ExecuteDelete in CustomerActions for the category).
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RecipientNoticeConfiguration : IEntityTypeConfiguration<RecipientNotice>
{
    public void Configure(EntityTypeBuilder<RecipientNotice> b)
    {
        // One notice per recipient and change under a request: a second rectification adds what changed to the open one.
        b.HasIndex(n => new { n.RequestId, n.Change, n.RecipientName }).IsUnique();
        b.HasIndex(n => new { n.MerchantId, n.Status });
        b.Property(n => n.RecipientName).HasMaxLength(200);
        b.Property(n => n.Email).HasMaxLength(320);
        b.Property(n => n.Language).HasMaxLength(10);
        b.Property(n => n.Note).HasMaxLength(2000);
        b.Property(n => n.Change).HasConversion<string>().HasMaxLength(15);
        b.Property(n => n.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(n => n.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(n => n.Source).HasConversion<string>().HasMaxLength(10);
        b.Property(n => n.Version).IsConcurrencyToken();
        // The request keeps the record (it is what shows the recipients were told); the customer may be erased since.
        b.HasOne<PrivacyRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Merchant>().WithMany().HasForeignKey(n => n.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}
