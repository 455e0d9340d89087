using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Features.Requests.Queue;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Data.Configurations;

public sealed class PrivacyRequestConfiguration : IEntityTypeConfiguration<PrivacyRequest>
{
    public void Configure(EntityTypeBuilder<PrivacyRequest> b)
    {
        b.HasIndex(r => r.Reference).IsUnique();
        // The queue's default view: a merchant's open requests by due date.
        b.HasIndex(r => new { r.MerchantId, r.Status, r.EffectiveDue });
        b.HasIndex(r => new { r.Status, r.EffectiveDue });
        b.HasIndex(r => r.RequesterEmail);
        // Intake looks for an open request of the same person (by email, phone or customer). With the status in the
        // index, SQLite's planner takes these (three equalities) over the queue's merchant-and-status index, which it
        // chose without statistics and then scanned every open request of the merchant for each message.
        b.HasIndex(r => new { r.MerchantId, r.RequesterEmail, r.Status });
        b.HasIndex(r => new { r.MerchantId, r.RequesterPhone, r.Status });
        b.HasIndex(r => new { r.MerchantId, r.CustomerId, r.Status });
        b.HasIndex(r => r.AssigneeId);
        b.HasIndex(r => r.ReceivedAt);
        b.Property(r => r.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Jurisdiction).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.OptOutChannels).HasConversion<string>().HasMaxLength(60);
        b.Property(r => r.VerificationMethod).HasConversion<string>().HasMaxLength(40);
        b.Property(r => r.Reference).HasMaxLength(20);
        b.Property(r => r.Language).HasMaxLength(2);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.IsOpen);
        b.Ignore(r => r.Types);
        b.HasOne<Merchant>().WithMany().HasForeignKey(r => r.MerchantId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> b)
    {
        b.HasIndex(e => new { e.RequestId, e.At });
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasMany(e => e.Attachments).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RequestAttachmentConfiguration : IEntityTypeConfiguration<RequestAttachment>
{
    public void Configure(EntityTypeBuilder<RequestAttachment> b) => b.Property(a => a.FileName).HasMaxLength(255);
}

public sealed class ReplyTemplateConfiguration : IEntityTypeConfiguration<ReplyTemplate>
{
    public void Configure(EntityTypeBuilder<ReplyTemplate> b)
    {
        b.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.RequestType).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Language).HasMaxLength(2);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.Purpose, t.RequestType, t.Language });
    }
}

public sealed class SavedQueueFilterConfiguration : IEntityTypeConfiguration<SavedQueueFilter>
{
    public void Configure(EntityTypeBuilder<SavedQueueFilter> b) => b.HasIndex(f => new { f.UserId, f.Name }).IsUnique();
}

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasOne<Merchant>().WithMany().HasForeignKey(k => k.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReferenceSequenceConfiguration : IEntityTypeConfiguration<ReferenceSequence>
{
    public void Configure(EntityTypeBuilder<ReferenceSequence> b)
    {
        b.HasKey(s => s.Year);
        b.Property(s => s.Year).ValueGeneratedNever();
    }
}
