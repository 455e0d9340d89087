namespace PrivacyDesk.Features.Portal;

/// <summary>The requester portal's limits ("Portal" in settings).</summary>
public sealed class PortalOptions
{
    /// <summary>How long a link works unless revoked.</summary>
    public int LinkDays { get; set; } = 30;
    public int CodeMinutes { get; set; } = 10;
    /// <summary>Wrong codes allowed before the cool-down.</summary>
    public int MaxCodeAttempts { get; set; } = 5;
    public int CooldownMinutes { get; set; } = 15;
    /// <summary>How long a confirmed browser stays in without a new code.</summary>
    public int SessionMinutes { get; set; } = 30;
    /// <summary>Requests per minute to the portal, per client address and per link.</summary>
    public int RequestsPerMinute { get; set; } = 30;
    public int MaxUploadMegabytes { get; set; } = 10;

    /// <summary>
    /// The address the public reaches the portal at (https://privacy.example.com/), when it is not the one
    /// staff use: links in emails are made from it. Empty: the address of the request that made the link.
    /// </summary>
    public string? PublicUrl { get; set; }

    public Uri BaseFor(Uri fallback) =>
        Uri.TryCreate(PublicUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var configured) && !string.IsNullOrWhiteSpace(PublicUrl) ? configured : fallback;
}
