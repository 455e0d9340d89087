using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Notices;

/// <summary>
/// Ties a bounce to the campaign notice it returns. Our notices carry a Message-ID naming the campaign and the
/// recipient (notice-{campaign}-{recipient}.…@privacydesk); a delivery status notification (RFC 3464) quotes the
/// original's headers in a message/rfc822 or text/rfc822-headers part, and many mail systems also put it in
/// In-Reply-To or References. The recipient's address is checked too, so a forged id cannot mark someone else.
/// </summary>
public static partial class NoticeBounces
{
    [GeneratedRegex(@"notice-(\d{1,9})-(\d{1,18})\.[0-9a-f]{32}@privacydesk", RegexOptions.IgnoreCase)]
    private static partial Regex NoticeId();

    public static async Task<string?> TieAsync(PrivacyDeskDbContext db, int merchantId, MimeMessage bounce, CancellationToken ct)
    {
        if (Find(bounce) is not { } found) return null;
        var recipient = await db.CampaignRecipients.FirstOrDefaultAsync(r => r.Id == found.RecipientId && r.CampaignId == found.CampaignId && r.MerchantId == merchantId, ct);
        if (recipient is null || recipient.Status == RecipientStatus.Bounced) return null;
        var quoted = QuotedText(bounce);
        if (!quoted.Contains(recipient.Email, StringComparison.OrdinalIgnoreCase)) return null;
        recipient.Status = RecipientStatus.Bounced;
        recipient.Error = Diagnostic(bounce) ?? "returned";
        db.Audit("campaign.bounced", nameof(NoticeCampaign), recipient.CampaignId, merchantId, new { recipient = recipient.Id, recipient.Error });
        return $"campaign {recipient.CampaignId}, {recipient.Email}";
    }

    public static (int CampaignId, long RecipientId)? Find(MimeMessage bounce)
    {
        var m = NoticeId().Match(QuotedText(bounce) + "\n" + bounce.InReplyTo + "\n" + string.Join(" ", bounce.References));
        return m.Success ? (int.Parse(m.Groups[1].Value), long.Parse(m.Groups[2].Value)) : null;
    }

    /// <summary>Every text and quoted-message part of the bounce: where the original's headers and address are.</summary>
    private static string QuotedText(MimeMessage bounce)
    {
        var parts = new List<string>();
        foreach (var part in bounce.BodyParts)
        {
            switch (part)
            {
                case MessagePart { Message: { } original }:
                    parts.Add(string.Join("\n", original.Headers.Select(h => $"{h.Field}: {h.Value}")));
                    parts.Add(string.Join(" ", original.To.Mailboxes.Select(a => a.Address)));
                    break;
                case TextPart text:
                    parts.Add(text.Text ?? string.Empty);
                    break;
                case MimePart other when other.ContentType.MimeType is "message/delivery-status" or "message/global-delivery-status" or "text/rfc822-headers":
                    if (other.Content is { } content) { using var reader = new StreamReader(content.Open()); parts.Add(reader.ReadToEnd()); }
                    break;
            }
        }
        return string.Join("\n", parts);
    }

    /// <summary>The mail system's own words, from the delivery-status part (Diagnostic-Code, else Status).</summary>
    private static string? Diagnostic(MimeMessage bounce)
    {
        var status = bounce.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var fields = status?.StatusGroups.Skip(1).FirstOrDefault();
        var said = fields?["Diagnostic-Code"] ?? fields?["Status"];
        return said is null ? null : (said.Length > 300 ? said[..300] : said).Trim();
    }
}
