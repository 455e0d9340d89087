using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>
/// An installation keeps the templates it started with; when the defaults improve, a template nobody
/// edited (its subject and body still hash to an earlier default) is replaced by the new default of the
/// same purpose, type and language, and the regimes' own templates are added. An edited template is
/// the office's own wording and is never touched.
/// </summary>
public static class TemplateUpgrades
{
    /// <summary>SHA-256 of "subject\nbody" of the defaults shipped until 2026-12-01 (before the regimes' letters).</summary>
    private static readonly HashSet<string> Earlier =
    [
        "64c72cf0686910b5c5ecc2b51e8a39667671dcbc9b4f1b656dad2eebf8ada797", "ca24dd8cff3c4a7a33db3ddd80495ab66c07e3f1bf5881c51ed763219ac67bbe",
        "0f41a042666d92f6e69c24858aceeaacf5b5344a5754bd59373016320c516542", "569a643c178d35cffcc2bb5a7fa7c5b2df9d5b1365b447c11f21459ec9d40c60",
        "3f68a6c5986f415d8008574da9cfe0e909407a8abb5e3185800a7af58a8da937", "f1e6098a0efdbc525f4915135be3247816a9798f11b0c0e61516b3410242f78e",
        "36ef94328d730b6b327edcbf566022a173fe5e10cc4ee5da020d6e1f24366d95", "f5d94e46ad4ca02b4807459d91e22933078ccfbb64ee5ded0b8f5a006b6e5a16",
        "692feb8d92fc3f1d47ce61d2e244ae721383cf19d97f117e602e68e1bd64382a", "cb2cd7507042bce070d36e42b736dd5c3e8ed47f315394ec74f4141fc944cd12",
        "dd8c672f9b408db5746c9b54f4ba1e6cae01ef1ff12de07ee044b584319c795a", "55d514c1bc3c4476154d45c2930297dd1d592684c83b37f285b1e4188fc54f47",
        "65e113f8ba222dad92e54084522c5868ff8acaf882574bf103eaa648184aaf7c", "ea209de0147b6062908deeac13658286b2534354c7dc4bd3d65f3b131a44f6a9",
        "451ff191b87b1d5b2dfa0668cabf8751bc6713801673d60eeb3188ab2342599c", "e69cb7727c9532cbfffa14991609b29ec534febca361304b6d5a3c22e6ee6fc6",
    ];

    public static string Hash(string subject, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject + "\n" + body)));

    public static async Task ApplyAsync(PrivacyDeskDbContext ctx, CancellationToken ct)
    {
        var existing = await ctx.ReplyTemplates.ToListAsync(ct);
        var defaults = TemplateDefaults.All().ToList();
        foreach (var old in existing.Where(t => t.Jurisdiction is null && Earlier.Contains(Hash(t.Subject, t.Body))))
        {
            var fresh = defaults.First(d => d.Jurisdiction is null && d.Purpose == old.Purpose && d.RequestType == old.RequestType && d.Language == old.Language);
            (old.Name, old.Subject, old.Body, old.UpdatedAt, old.Version) = (fresh.Name, fresh.Subject, fresh.Body, DateTimeOffset.UtcNow, Guid.NewGuid());
            ctx.Audit("template.upgraded", nameof(ReplyTemplate), old.Id, null, new { old.Purpose, old.Language, reason = "untouched earlier default" });
        }
        // The regimes' own wordings arrive once (a marker says so): an office that deletes one later keeps its choice.
        // And only beside a general template that is still our default: a regime's wording must not take the place of an
        // office's own edited letter.
        if (await ctx.AppSecrets.AnyAsync(x => x.Name == RegimeTemplatesAdded, ct)) return;
        var current = existing.Where(t => t.Jurisdiction is null).ToList();
        foreach (var regime in defaults.Where(d => d.Jurisdiction is not null && !existing.Any(t => t.Jurisdiction is not null)))
        {
            var general = current.FirstOrDefault(t => t.Purpose == regime.Purpose && t.RequestType == regime.RequestType && t.Language == regime.Language);
            var generalDefault = defaults.First(d => d.Jurisdiction is null && d.Purpose == regime.Purpose && d.RequestType == regime.RequestType && d.Language == regime.Language);
            if (general is null || (general.Subject == generalDefault.Subject && general.Body == generalDefault.Body))
                ctx.ReplyTemplates.Add(regime);
        }
        ctx.AppSecrets.Add(new AppSecret { Name = RegimeTemplatesAdded, Value = [1] });
    }

    /// <summary>Installation state kept beside the secrets (one row, made once, shared by every node).</summary>
    private const string RegimeTemplatesAdded = "templates.regimes-added";
}
