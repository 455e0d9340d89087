using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;

namespace PrivacyDesk.Data.Configurations;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.HasIndex(c => new { c.MerchantId, c.AccountNumber }).IsUnique();
        b.HasIndex(c => new { c.MerchantId, c.Status, c.LastActivityAt });
        b.Property(c => c.AccountNumber).HasMaxLength(40);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Language).HasMaxLength(2);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.FullName);
        b.HasOne<Merchant>().WithMany().HasForeignKey(c => c.MerchantId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.ContactPoints).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Consents).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ContactPointConfiguration : IEntityTypeConfiguration<ContactPoint>
{
    public void Configure(EntityTypeBuilder<ContactPoint> b)
    {
        b.HasIndex(p => new { p.CustomerId, p.Kind });
        b.HasIndex(p => new { p.MerchantId, p.Kind, p.Value });
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
        b.Ignore(p => p.IsCurrent);
    }
}

public sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> b)
    {
        b.HasIndex(c => new { c.CustomerId, c.At });
        b.Property(c => c.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(10);
    }
}

public sealed class CustomerOrderConfiguration : IEntityTypeConfiguration<CustomerOrder>
{
    public void Configure(EntityTypeBuilder<CustomerOrder> b)
    {
        b.HasIndex(o => new { o.CustomerId, o.At });
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Property(o => o.Total).HasConversion<double>(); // SQLite has no decimal; amounts are small, cents survive the round trip
    }
}

public sealed class ActivityLogConfiguration : IEntityTypeConfiguration<ActivityLog>
{
    public void Configure(EntityTypeBuilder<ActivityLog> b)
    {
        b.HasIndex(o => new { o.CustomerId, o.At });
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CommunicationConfiguration : IEntityTypeConfiguration<Communication>
{
    public void Configure(EntityTypeBuilder<Communication> b)
    {
        b.HasIndex(o => new { o.CustomerId, o.At });
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DisclosureConfiguration : IEntityTypeConfiguration<Disclosure>
{
    public void Configure(EntityTypeBuilder<Disclosure> b)
    {
        b.HasIndex(o => new { o.CustomerId, o.At });
        // The home page's open notice tasks.
        b.HasIndex(o => new { o.MerchantId, o.Notice });
        b.Property(o => o.Notice).HasConversion<string>().HasMaxLength(15);
        b.Property(o => o.WithheldOrder).HasMaxLength(500);
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OtherRecordConfiguration : IEntityTypeConfiguration<OtherRecord>
{
    public void Configure(EntityTypeBuilder<OtherRecord> b)
    {
        b.HasIndex(o => new { o.CustomerId, o.At });
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ThirdPartyPersonConfiguration : IEntityTypeConfiguration<ThirdPartyPerson>
{
    public void Configure(EntityTypeBuilder<ThirdPartyPerson> b)
    {
        b.HasIndex(o => new { o.MerchantId, o.Email });
        b.HasOne(o => o.ReferredBy).WithMany().HasForeignKey(o => o.ReferredByCustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class CustomerChangeConfiguration : IEntityTypeConfiguration<CustomerChange>
{
    public void Configure(EntityTypeBuilder<CustomerChange> b)
    {
        b.HasIndex(o => new { o.CustomerId, o.At });
        b.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DataInventoryEntryConfiguration : IEntityTypeConfiguration<DataInventoryEntry>
{
    public void Configure(EntityTypeBuilder<DataInventoryEntry> b)
    {
        b.HasIndex(e => new { e.MerchantId, e.Category }).IsUnique();
        b.Property(e => e.Category).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.OnErasure).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Merchant>().WithMany().HasForeignKey(e => e.MerchantId).OnDelete(DeleteBehavior.Cascade);
    }
}
