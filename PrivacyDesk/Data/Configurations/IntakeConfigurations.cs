using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Data.Configurations;

public sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> b)
    {
        // Exactly-once intake: the same message for the same merchant can be stored only once.
        b.HasIndex(m => new { m.MerchantId, m.DedupeKey }).IsUnique();
        b.HasIndex(m => new { m.MerchantId, m.Status, m.ReceivedAt });
        b.HasIndex(m => m.MessageIdHeader);
        b.HasIndex(m => m.RequestId);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasOne<Merchant>().WithMany().HasForeignKey(m => m.MerchantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PrivacyRequest>().WithMany().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<MailSource>().WithMany().HasForeignKey(m => m.SourceId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class MailSourceConfiguration : IEntityTypeConfiguration<MailSource>
{
    public void Configure(EntityTypeBuilder<MailSource> b)
    {
        b.HasIndex(s => s.Name).IsUnique();
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.ImapSecurity).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.ImapAuth).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Merchant>().WithMany().HasForeignKey(s => s.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.MessageIdHeader).IsUnique();
        b.HasIndex(m => m.RequestId);
        b.HasIndex(m => m.CampaignRecipientId);
        // The sender's two reads: a request's mail first (in id order), then a campaign's notices (in recipient order).
        b.HasIndex(m => new { m.Status, m.CampaignRecipientId, m.Id });
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Merchant>().WithMany().HasForeignKey(m => m.MerchantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PrivacyRequest>().WithMany().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.RequestEvent).WithMany().HasForeignKey(m => m.RequestEventId).OnDelete(DeleteBehavior.SetNull);
    }
}
