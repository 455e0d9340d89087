using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Breaches;

namespace PrivacyDesk.Data.Configurations;

public sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.HasIndex(i => i.Reference).IsUnique();
        b.HasIndex(i => new { i.MerchantId, i.Status });
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Merchant>().WithMany().HasForeignKey(i => i.MerchantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncidentChildConfigurations :
    IEntityTypeConfiguration<IncidentEvent>, IEntityTypeConfiguration<AffectedPerson>, IEntityTypeConfiguration<RiskAssessment>, IEntityTypeConfiguration<Filing>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> b)
    {
        b.HasIndex(e => e.IncidentId);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AffectedPerson> b)
    {
        b.HasIndex(p => new { p.IncidentId, p.CustomerId });
        b.Property(p => p.Notice).HasConversion<string>().HasMaxLength(10);
        b.HasOne<Incident>().WithMany().HasForeignKey(p => p.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RiskAssessment> b)
    {
        b.HasIndex(r => new { r.IncidentId, r.Regime });
        b.Property(r => r.Regime).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Sensitivity).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Likelihood).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Consequences).HasConversion<string>().HasMaxLength(10);
        b.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Filing> b)
    {
        b.HasIndex(f => f.IncidentId);
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Incident>().WithMany().HasForeignKey(f => f.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
