using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Data.Configurations;

public sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> b)
    {
        b.HasIndex(m => m.Slug).IsUnique();
        b.Property(m => m.Slug).HasMaxLength(40);
        b.Property(m => m.Name).HasMaxLength(200);
        b.Property(m => m.LegalName).HasMaxLength(200);
        b.Property(m => m.QuebecEnterpriseNumber).HasMaxLength(10);
        b.Property(m => m.Country).HasMaxLength(2);
        b.Property(m => m.Province).HasMaxLength(3);
        b.Property(m => m.DefaultLanguage).HasMaxLength(2);
        b.Property(m => m.Version).IsConcurrencyToken();
    }
}
