using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake;

public enum MailSourceKind { Maildir, Imap }

public enum ImapSecurity { Tls, StartTls, None }

public enum ImapAuthMethod { Login, Plain, XOAuth2 }

/// <summary>
/// A mailbox intake reads for one merchant. Maildir (the embedded default: any MTA or fetchmail
/// can deliver into it) or IMAP. The secret (password or OAuth token) is stored encrypted with
/// ASP.NET Data Protection, never in clear.
/// </summary>
public class MailSource : IMerchantOwned, Data.IVersioned
{
    public int Id { get; set; }
    public int MerchantId { get; set; }
    public required string Name { get; set; }
    public MailSourceKind Kind { get; set; }
    public bool Enabled { get; set; } = true;

    public string? MaildirPath { get; set; }

    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public ImapSecurity ImapSecurity { get; set; } = ImapSecurity.Tls;
    public ImapAuthMethod ImapAuth { get; set; } = ImapAuthMethod.Login;
    public string? ImapUser { get; set; }
    public string? ImapSecretProtected { get; set; }
    public string ImapFolder { get; set; } = "INBOX";

    /// <summary>Folder to move processed mail to; when empty, processed mail is marked \Seen instead.</summary>
    public string? ImapProcessedFolder { get; set; }

    /// <summary>SHA-256 fingerprint of the server's certificate, trusted instead of the system store (a self-signed server).</summary>
    public string? ImapCertificateSha256 { get; set; }

    /// <summary>Plain IMAP without TLS: accepted only for a loopback host, and only when this is set.</summary>
    public bool AllowPlaintextLoopback { get; set; }

    public int PollSeconds { get; set; } = 60;

    public long? UidValidity { get; set; }
    public long LastUid { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public int ImportedCount { get; set; }

    /// <summary>Set when the source comes from appsettings.json (then it is edited there, not in Admin).</summary>
    public bool FromSettings { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
