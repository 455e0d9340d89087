using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using MimeKit;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake;

/// <summary>What a message says about the request it belongs to.</summary>
/// <param name="Request">The request it threads into, when the evidence is good enough to add it unseen.</param>
/// <param name="ClaimedReference">The request it claims to be about when that evidence is missing: held for an officer.</param>
public sealed record ThreadMatch(PrivacyRequest? Request, string? ClaimedReference)
{
    public static readonly ThreadMatch None = new(null, null);
}

/// <summary>
/// Finds the request a message answers, and whether it may join it. Two things are needed: proof
/// that the sender saw our mail (the signed tag "[PD-…/mac]" we put on every subject, or one of our
/// Message-IDs in In-Reply-To / References), and a sender who is the requester or an address already
/// on the request. A bare reference, which anyone can guess, or a stranger's address, only makes a
/// claim: the message is held for an officer and never shown as the requester's.
/// </summary>
public sealed partial class MailThreading
{
    public async Task<ThreadMatch> FindRequestAsync(PrivacyDeskDbContext db, int merchantId, MimeMessage message, string? fromAddress, CancellationToken ct)
    {
        PrivacyRequest? bySignedTag = null;
        string? claimed = null;
        foreach (Match m in ReferenceTag().Matches(message.Subject ?? ""))
        {
            var reference = m.Groups[1].Value.ToUpperInvariant();
            var request = await db.Requests.FirstOrDefaultAsync(r => r.MerchantId == merchantId && r.Reference == reference, ct);
            if (request is null) continue;
            if (ThreadTags.Verify(db, reference, m.Groups[2].Success ? m.Groups[2].Value : null)) { bySignedTag = request; break; }
            claimed ??= reference;
        }

        var byHeaders = await ByHeadersAsync(db, merchantId, message, ct);
        var candidate = bySignedTag ?? byHeaders;
        if (candidate is not null && await IsKnownSenderAsync(db, candidate, fromAddress, ct)) return new ThreadMatch(candidate, null);
        claimed ??= candidate?.Reference;
        return claimed is null ? ThreadMatch.None : new ThreadMatch(null, claimed);
    }

    private static async Task<PrivacyRequest?> ByHeadersAsync(PrivacyDeskDbContext db, int merchantId, MimeMessage message, CancellationToken ct)
    {
        var ids = new List<string>();
        if (message.InReplyTo is { Length: > 0 } irt) ids.Add(irt);
        ids.AddRange(message.References.Reverse().Take(20));
        if (ids.Count == 0) return null;

        // Our own Message-IDs carry a random part: only a recipient of our mail can quote one.
        var requestId = await db.Outbox.AsNoTracking()
            .Where(o => o.MerchantId == merchantId && o.RequestId != null && ids.Contains(o.MessageIdHeader))
            .Select(o => o.RequestId).FirstOrDefaultAsync(ct)
            ?? await db.InboundMessages.AsNoTracking()
                .Where(i => i.MerchantId == merchantId && i.RequestId != null && i.MessageIdHeader != null && ids.Contains(i.MessageIdHeader)
                            && (i.Status == InboundStatus.NewRequest || i.Status == InboundStatus.Reply || i.Status == InboundStatus.Released))
                .Select(i => i.RequestId).FirstOrDefaultAsync(ct);
        return requestId is int id ? await db.Requests.FirstOrDefaultAsync(r => r.Id == id, ct) : null;
    }

    /// <summary>The requester's address, or one the request already corresponds with (ours to them, theirs to us).</summary>
    private static async Task<bool> IsKnownSenderAsync(PrivacyDeskDbContext db, PrivacyRequest request, string? fromAddress, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(fromAddress)) return false;
        var from = fromAddress.Trim().ToLowerInvariant();
        if (string.Equals(request.RequesterEmail?.Trim(), from, StringComparison.OrdinalIgnoreCase)) return true;
        if (await db.Outbox.AsNoTracking().AnyAsync(o => o.RequestId == request.Id && o.ToAddress.ToLower() == from, ct)) return true;
        return await db.InboundMessages.AsNoTracking().AnyAsync(i => i.RequestId == request.Id && i.FromAddress == from
            && (i.Status == InboundStatus.NewRequest || i.Status == InboundStatus.Reply || i.Status == InboundStatus.Released), ct);
    }

    /// <summary>"[PD-2026-000123]" or, as we send it, "[PD-2026-000123/7f3a9c2e]".</summary>
    [GeneratedRegex(@"\[\s*(PD-\d{4}-\d{6})(?:/([0-9a-fA-F]{8}))?\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex ReferenceTag();
}
