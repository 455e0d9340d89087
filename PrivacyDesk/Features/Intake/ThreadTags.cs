using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// The tag on every subject we send, "[PD-2026-000123/7f3a9c2e]": the reference people read, and a
/// short HMAC of it that only someone who received our message can know. References are
/// sequential, so the reference alone proves nothing; a reply carrying a valid tag (or our
/// Message-ID in its headers) has seen our mail.
/// </summary>
public static class ThreadTags
{
    public const string SecretName = "thread-tag-key";
    private const int MacHexLength = 8;

    // One key per database (a process may open several: tests, the bench); read once, then cached.
    private static readonly ConcurrentDictionary<string, byte[]> Keys = new();

    /// <summary>Makes the installation's key if it has none (at start-up, before any mail is sent).</summary>
    public static async Task EnsureKeyAsync(PrivacyDeskDbContext db, CancellationToken ct)
    {
        if (await db.AppSecrets.AnyAsync(s => s.Name == SecretName, ct)) return;
        db.AppSecrets.Add(new AppSecret { Name = SecretName, Value = RandomNumberGenerator.GetBytes(32) });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { } // another node made it first; theirs is read below
    }

    public static string Tag(PrivacyDeskDbContext db, string reference) => $"{reference}/{Mac(KeyFor(db), reference)}";

    /// <summary>True when <paramref name="mac"/> is the one we put on <paramref name="reference"/>.</summary>
    public static bool Verify(PrivacyDeskDbContext db, string reference, string? mac) =>
        mac is { Length: MacHexLength }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(KeyFor(db), reference)), Encoding.ASCII.GetBytes(mac.ToLowerInvariant()));

    /// <summary>The subject with its tag: a template's plain "[PD-…]" gains its MAC, and a subject without one gets it appended.</summary>
    public static string Tagged(PrivacyDeskDbContext db, string subject, string reference)
    {
        var tag = Tag(db, reference);
        if (subject.Contains($"[{tag}]", StringComparison.OrdinalIgnoreCase)) return subject;
        var plain = $"[{reference}]";
        var at = subject.IndexOf(plain, StringComparison.OrdinalIgnoreCase);
        return at >= 0 ? subject[..at] + $"[{tag}]" + subject[(at + plain.Length)..] : $"{subject} [{tag}]";
    }

    private static string Mac(byte[] key, string reference) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(reference.ToUpperInvariant())))[..MacHexLength];

    private static byte[] KeyFor(PrivacyDeskDbContext db) =>
        Keys.GetOrAdd(db.Database.GetConnectionString() ?? "", _ =>
            db.AppSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).FirstOrDefault()
            ?? throw new InvalidOperationException("The thread-tag key is missing: run 'migrate' (start-up makes it)."));
}
