using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Data.Configurations;

public sealed class UserMerchantConfiguration : IEntityTypeConfiguration<UserMerchant>
{
    public void Configure(EntityTypeBuilder<UserMerchant> b)
    {
        b.HasKey(x => new { x.UserId, x.MerchantId });
        b.HasOne<StaffUser>().WithMany(u => u.Merchants).HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Merchant>().WithMany().HasForeignKey(x => x.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.PreferredCulture).HasMaxLength(10);
    }
}
