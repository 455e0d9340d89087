using System.Net.Security;
using System.Security.Cryptography;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// Trusts exactly one server certificate, by the SHA-256 of its DER bytes (hex, colons allowed), in
/// place of the system store: how a self-hosted mail server with a self-signed certificate is used
/// without turning validation off. Used for IMAP mailboxes and the SMTP relay alike.
/// </summary>
public static class CertificatePin
{
    public static RemoteCertificateValidationCallback Callback(string sha256)
    {
        var expected = sha256.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return (_, certificate, _, _) => certificate is not null
            && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())), expected, StringComparison.OrdinalIgnoreCase);
    }
}
