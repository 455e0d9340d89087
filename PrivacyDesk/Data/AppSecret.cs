using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PrivacyDesk.Data;

/// <summary>
/// A secret the installation makes once and every node must share (so it lives in the database,
/// not in a file of one machine): today the key that signs the reference tags on outgoing mail.
/// </summary>
public sealed class AppSecret
{
    public string Name { get; set; } = "";
    public byte[] Value { get; set; } = [];
}

public sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> b)
    {
        b.HasKey(s => s.Name);
        b.Property(s => s.Name).HasMaxLength(60);
    }
}
