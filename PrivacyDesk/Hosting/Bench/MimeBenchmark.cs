using System.Diagnostics;
using System.Text;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Mime;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// MIME parse throughput on an mbox built by repeating the real-world corpus, read the way MimeKit's
/// figure was measured: headers, every part decoded, text and HTML bodies, attachments listed.
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
            using (var stream = File.OpenRead(path))
                foreach (var bytes in MboxReader.ReadMessages(stream))
                {
                    var m = MimeParser.Parse(bytes);
                    chars += (m.Subject?.Length ?? 0) + m.From.Count + m.To.Count + (m.Date is null ? 0 : 1)
                        + (m.TextBody?.Length ?? 0) + (m.HtmlBody?.Length ?? 0) + m.Attachments.Sum(a => a.SizeBytes);
                }
            sw.Stop();
            var rate = size / 1048576.0 / sw.Elapsed.TotalSeconds;
            rates.Add(rate);
            output.WriteLine($"run {run + 1}: {sw.Elapsed.TotalSeconds:N2} s, {rate:N0} MiB/s ({chars:N0} characters and bytes read)");
        }
        rates.Sort();
        output.WriteLine($"MIME parse: median {rates[rates.Count / 2]:N0} MiB/s, best {rates[^1]:N0} MiB/s (MimeKit on this machine: ~180 MB/s per the corpus README)");
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
