namespace PrivacyDesk.Features.Admin.Merchants;

/// <summary>
/// An organisation responsible for its customers' personal information (the "Your Merchant" of
/// seed 000). Every row of customer, request or incident data belongs to exactly one merchant.
/// </summary>
public class Merchant : Data.IVersioned
{
    public int Id { get; set; }

    /// <summary>Short unique name used on the command line and in URLs, e.g. <c>mm-laval</c>.</summary>
    public required string Slug { get; set; }

    public required string Name { get; set; }
    public string? LegalName { get; set; }

    /// <summary>Quebec enterprise number (NEQ), ten digits; the CAI asks for it in incident notices.</summary>
    public string? QuebecEnterpriseNumber { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code, e.g. CA, FR, US.</summary>
    public required string Country { get; set; }

    /// <summary>ISO 3166-2 subdivision code without the country, e.g. QC, ON, CA (California).</summary>
    public string? Province { get; set; }

    public string DefaultLanguage { get; set; } = "en";

    public string? PrivacyOfficerName { get; set; }
    public string? PrivacyOfficerEmail { get; set; }
    public string? PrivacyOfficerPhone { get; set; }
    public string? PostalAddress { get; set; }

    /// <summary>Business days to acknowledge a request (seed 000 promises two).</summary>
    public int AcknowledgementBusinessDays { get; set; } = 2;

    /// <summary>Send an acknowledgement by email automatically when a request arrives with an address.</summary>
    public bool AutoAcknowledge { get; set; } = true;

    /// <summary>
    /// Web-form requests ask the requester to confirm their email (the portal's code) and stay apart from
    /// the queue until they do: a typo in the form must not start a stranger's request unnoticed.
    /// </summary>
    public bool ConfirmWebFormEmail { get; set; } = true;

    /// <summary>The merchant's colour (#RRGGBB) for the requester portal's header; none: the app's own.</summary>
    public string? BrandColor { get; set; }

    /// <summary>The office's own target for "as soon as feasible" / "promptly" breach notices (PIPEDA, Quebec), in hours from awareness.</summary>
    public int BreachNoticeTargetHours { get; set; } = 72;

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
