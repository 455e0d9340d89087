using Microsoft.Extensions.Options;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Intake.Sources;

/// <summary>
/// Reads a Maildir's new/ folder in batches. A message moves to cur/ (flagged seen, as Maildir readers do)
/// only after intake committed its batch; if the process dies in between, the next pass finds it again
/// and intake recognises it as a duplicate, so nothing is lost and nothing is doubled.
/// </summary>
public sealed class MaildirPoller(MailIntake intake, IOptions<IntakeOptions> options)
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
        foreach (var files in Directory.EnumerateFiles(incoming).Order(StringComparer.Ordinal).Chunk(Math.Max(1, options.Value.BatchSize)))
        {
            ct.ThrowIfCancellationRequested();
            var mails = new List<(string File, IncomingMail Mail)>();
            foreach (var file in files)
            {
                try
                {
                    var raw = await File.ReadAllBytesAsync(file, ct);
                    mails.Add((file, new IncomingMail(raw, $"maildir:{source.Name}/{Path.GetFileName(file)}", new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero))));
                }
                catch (FileNotFoundException) { } // another reader took it
            }
            var outcomes = await intake.IngestBatchAsync(source.MerchantId, mails.Select(m => m.Mail).ToList(), source.Id, actor, ct);
            for (var i = 0; i < outcomes.Count; i++)
            {
                var name = Path.GetFileName(mails[i].File);
                if (outcomes[i].Error is { } error)
                {
                    // Not committed: the file stays in new/ for the next pass, and the files after it are still read.
                    failed.Add($"{name}: {error}");
                    continue;
                }
                // Committed: a file another reader moved meanwhile is done too.
                try { File.Move(mails[i].File, Path.Combine(done, name.Contains(":2,", StringComparison.Ordinal) ? name : name + ":2,S"), overwrite: true); }
                catch (FileNotFoundException) { }
                count++;
            }
        }
        if (failed.Count > 0)
            throw new PartialPollException($"{count} messages read; {failed.Count} left in new/ for the next pass: {string.Join("; ", failed.Take(5))}", count);
        return count;
    }
}
