using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Portal;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Data.Configurations;

public sealed class PortalLinkConfiguration : IEntityTypeConfiguration<PortalLink>
{
    public void Configure(EntityTypeBuilder<PortalLink> b)
    {
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => new { l.MerchantId, l.RequestId });
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.CodeHash).HasMaxLength(64);
        b.Property(l => l.Email).HasMaxLength(320);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<Merchant>().WithMany().HasForeignKey(l => l.MerchantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PrivacyRequest>().WithMany().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
