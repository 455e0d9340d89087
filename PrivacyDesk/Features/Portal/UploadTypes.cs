namespace PrivacyDesk.Features.Portal;

/// <summary>
/// What a requester may upload (a scan or photo of an ID, a signed authorisation), known by the file's
/// first bytes, not by its name or the browser's word: a page saved as "id.pdf" is refused.
/// </summary>
public static class UploadTypes
{
    public static string? Detect(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : null;

    /// <summary>The name kept: its own stem, the extension of the detected type.</summary>
    public static string NameFor(string fileName, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        if (string.IsNullOrWhiteSpace(stem)) stem = "document";
        return stem + contentType switch { "application/pdf" => ".pdf", "image/jpeg" => ".jpg", _ => ".png" };
    }
}

/// <summary>
/// The hook for a virus scanner (ClamAV's clamd, a vendor's API): called on every requester upload
/// before it is stored. Returns null to accept, or the reason for refusing. Register your own
/// implementation in place of <see cref="NoUploadScanner"/> (PortalRegistration).
/// </summary>
public interface IUploadScanner
{
    Task<string?> ScanAsync(string fileName, byte[] content, CancellationToken ct);
}

/// <summary>The default: no scanner configured. Types are still restricted to PDF, JPEG and PNG by content.</summary>
public sealed class NoUploadScanner : IUploadScanner
{
    public Task<string?> ScanAsync(string fileName, byte[] content, CancellationToken ct) => Task.FromResult<string?>(null);
}
