using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Intake.Mime;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// Finds the request a message answers: the reference tag in the subject ("[PD-2026-000123]", which
/// we put on every message we send), else In-Reply-To / References pointing at a message we sent
/// or one we received for that request.
/// </summary>
public sealed partial class MailThreading
{
    public async Task<PrivacyRequest?> FindRequestAsync(PrivacyDeskDbContext db, int merchantId, MimeMessage message, CancellationToken ct)
    {
        foreach (Match m in ReferenceTag().Matches(message.Subject ?? ""))
        {
            var reference = m.Groups[1].Value.ToUpperInvariant();
            var byTag = await db.Requests.FirstOrDefaultAsync(r => r.MerchantId == merchantId && r.Reference == reference, ct);
            if (byTag is not null) return byTag;
        }

        var ids = new List<string>();
        if (message.InReplyTo is { } irt) ids.Add(irt);
        ids.AddRange(message.References.Reverse().Take(20));
        if (ids.Count == 0) return null;

        var requestId = await db.Outbox.AsNoTracking()
            .Where(o => o.MerchantId == merchantId && o.RequestId != null && ids.Contains(o.MessageIdHeader))
            .Select(o => o.RequestId).FirstOrDefaultAsync(ct)
            ?? await db.InboundMessages.AsNoTracking()
                .Where(i => i.MerchantId == merchantId && i.RequestId != null && i.MessageIdHeader != null && ids.Contains(i.MessageIdHeader))
                .Select(i => i.RequestId).FirstOrDefaultAsync(ct);
        return requestId is int id ? await db.Requests.FirstOrDefaultAsync(r => r.Id == id, ct) : null;
    }

    [GeneratedRegex(@"\[\s*(PD-\d{4}-\d{6})\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceTag();
}
