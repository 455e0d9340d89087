using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>
/// Reads a Maildir's new/ folder. A message moves to cur/ (flagged seen, as Maildir readers do)
/// only after intake committed it; if the process dies in between, the next pass finds it again
/// and intake recognises it as a duplicate, so nothing is lost and nothing is doubled.
/// </summary>
public sealed class MaildirPoller(MailIntake intake)
{
    public async Task<int> PollAsync(MailSource source, AuditActor actor, CancellationToken ct)
    {
        var root = source.MaildirPath ?? throw new InvalidOperationException($"Mailbox '{source.Name}' has no Maildir path.");
        var incoming = Path.Combine(root, "new");
        var done = Path.Combine(root, "cur");
        if (!Directory.Exists(incoming)) throw new DirectoryNotFoundException($"Maildir {root} has no new/ folder.");
        Directory.CreateDirectory(done);
        var count = 0;
        var failed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(incoming).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file);
            byte[] raw;
            try { raw = await File.ReadAllBytesAsync(file, ct); }
            catch (FileNotFoundException) { continue; } // another reader took it
            var receivedAt = File.GetLastWriteTimeUtc(file);
            try
            {
                await intake.IngestAsync(source.MerchantId, raw, $"maildir:{source.Name}/{name}", source.Id, actor, new DateTimeOffset(receivedAt, TimeSpan.Zero), ct);
            }
            catch (Exception e) when (e is not (OperationCanceledException or StorageUnavailableException))
            {
                // Not committed: the file stays in new/ for the next pass, and the files after it are still read.
                failed.Add($"{name}: {e.GetType().Name}: {e.Message}");
                continue;
            }
            var target = Path.Combine(done, name.Contains(":2,", StringComparison.Ordinal) ? name : name + ":2,S");
            File.Move(file, target, overwrite: true);
            count++;
        }
        if (failed.Count > 0)
            throw new PartialPollException($"{count} messages read; {failed.Count} left in new/ for the next pass: {string.Join("; ", failed.Take(5))}", count);
        return count;
    }
}
