using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Audit;

namespace PrivacyDesk.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        // Ids are assigned by AuditWriter because they are part of the hashed content.
        b.Property(a => a.Id).ValueGeneratedNever();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.MerchantId);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
    }
}
