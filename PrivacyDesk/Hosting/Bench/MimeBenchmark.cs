using System.Diagnostics;
using System.Text;
using PrivacyDesk.Features.Intake;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// MimeKit's throughput inside intake, on an mbox built by repeating the real-world corpus: the
/// mbox read by one parser (MailParsing.ReadMbox, exact bytes of each message sliced out), then what
/// intake takes from each: sender, date, subject, the officer's text, attachments decoded.
/// </summary>
public static class MimeBenchmark
{
    public static void Run(string corpusDir, string workDir, int megabytes, int runs, TextWriter output)
    {
        var samples = Samples(corpusDir);
        if (samples.Count == 0) throw new Cli.CliUsageException($"No messages under {corpusDir}.");
        var path = Path.Combine(workDir, "bench.mbox");
        long size = 0;
        var count = 0;
        using (var file = File.Create(path))
        {
            var separator = Encoding.ASCII.GetBytes("From bench@localhost Sun Nov 22 12:00:00 2026\n");
            while (size < megabytes * 1024L * 1024)
                foreach (var s in samples)
                {
                    file.Write(separator);
                    file.Write(s);
                    file.WriteByte((byte)'\n');
                    size += separator.Length + s.Length + 1;
                    count++;
                }
        }
        output.WriteLine($"mbox: {count:N0} messages, {size / 1048576.0:N1} MiB, from {samples.Count} corpus messages");
        var rates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            long chars = 0;
            foreach (var (raw, parsed) in MailParsing.ReadMbox(path))
            {
                if (parsed.Usable is not { } m) continue;
                chars += raw.Length + (m.Subject?.Length ?? 0) + (MailParsing.Sender(m)?.Address.Length ?? 0) + (MailParsing.Date(m) is null ? 0 : 1)
                    + MailIntake.BodyText(m).Length + MailAttachments.Select(m, 20, out _).Sum(a => a.Content.LongLength);
            }
            sw.Stop();
            var rate = size / 1048576.0 / sw.Elapsed.TotalSeconds;
            rates.Add(rate);
            output.WriteLine($"run {run + 1}: {sw.Elapsed.TotalSeconds:N2} s, {rate:N0} MiB/s ({chars:N0} characters and bytes read)");
        }
        rates.Sort();
        output.WriteLine($"MimeKit inside intake: median {rates[rates.Count / 2]:N0} MiB/s, best {rates[^1]:N0} MiB/s");
    }

    private static List<byte[]> Samples(string dir)
    {
        var list = new List<byte[]>();
        foreach (var folder in new[] { "messages", "mbox" })
        {
            var full = Path.Combine(dir, folder);
            if (!Directory.Exists(full)) continue;
            foreach (var file in Directory.EnumerateFiles(full).Order(StringComparer.Ordinal))
                list.AddRange(MailFiles.Read(file).Select(f => f.Bytes));
        }
        return list;
    }
}
