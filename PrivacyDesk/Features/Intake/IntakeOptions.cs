namespace PrivacyDesk.Features.Intake;

/// <summary>Section "Intake".</summary>
public sealed class IntakeOptions
{
    /// <summary>Attachments larger than this are left out of the request (kept in the raw message) with a note.</summary>
    public int AttachmentCapMegabytes { get; set; } = 20;

    /// <summary>Messages larger than this are quarantined unread (still kept compressed, as evidence).</summary>
    public int MessageCapMegabytes { get; set; } = 50;

    /// <summary>
    /// Messages written per transaction by mailbox polls and imports (one commit for the batch). Larger batches
    /// commit less often; the database's write lock is held while a batch is written (about 2-3 ms a message).
    /// </summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Mailboxes declared in appsettings.json; synchronised into the database at start-up.</summary>
    public List<MailSourceSetting> Sources { get; set; } = [];
}

/// <summary>A mailbox from appsettings.json. The password, if any, is read from configuration every start and never stored in clear.</summary>
public sealed class MailSourceSetting
{
    public string Name { get; set; } = "";
    /// <summary>The merchant's slug (or name), as `list-merchants` prints it.</summary>
    public string Merchant { get; set; } = "";
    public MailSourceKind Kind { get; set; } = MailSourceKind.Maildir;
    public string? Path { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; } = 993;
    public ImapSecurity Security { get; set; } = ImapSecurity.Tls;
    public ImapAuthMethod Auth { get; set; } = ImapAuthMethod.Login;
    public string? User { get; set; }
    public string? Secret { get; set; }
    public string Folder { get; set; } = "INBOX";
    public string? ProcessedFolder { get; set; }
    public bool AllowPlaintextLoopback { get; set; }
    public string? CertificateSha256 { get; set; }
    public int PollSeconds { get; set; } = 60;
}

/// <summary>Section "Mail": how outgoing mail leaves.</summary>
public sealed class MailOptions
{
    /// <summary>"Pickup" (the embedded default: .eml files written to <see cref="PickupDirectory"/> for an MTA to send) or "Smtp".</summary>
    public string Transport { get; set; } = "Pickup";
    public string PickupDirectory { get; set; } = "data/outbox";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    /// <summary>STARTTLS on the submission port (required when true); port 465 is always TLS from the start.</summary>
    public bool SmtpStartTls { get; set; } = true;
    public string? SmtpUser { get; set; }
    /// <summary>For a relay with a self-signed certificate: its SHA-256 fingerprint (hex), trusted instead of the system store.</summary>
    public string? SmtpCertificateSha256 { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>Sender when the merchant has no privacy-officer address.</summary>
    public string DefaultFrom { get; set; } = "privacy@localhost";
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The most files one outgoing message may carry, in MB (many servers refuse more than 10 to 25 MB).</summary>
    public int AttachmentCapMegabytes { get; set; } = 10;
    public int PollSeconds { get; set; } = 5;
}
