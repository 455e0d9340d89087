namespace PrivacyDesk.Features.Intake;

/// <summary>One message read from a file: where it came from (path, with "#n" inside an mbox), its bytes, and MimeKit's reading when the mbox parser already made it.</summary>
public sealed record MailFile(string Origin, byte[] Bytes, string? MaildirPath = null, ParsedMail? Parsed = null);

/// <summary>Reads .eml files, mbox files and Maildir folders (new/ and cur/) as a stream of messages.</summary>
public static class MailFiles
{
    public static IEnumerable<MailFile> Read(string path)
    {
        if (Directory.Exists(path))
        {
            var isMaildir = Directory.Exists(Path.Combine(path, "new")) || Directory.Exists(Path.Combine(path, "cur"));
            var files = isMaildir
                ? new[] { "new", "cur" }.Select(d => Path.Combine(path, d)).Where(Directory.Exists).SelectMany(Directory.EnumerateFiles)
                : Directory.EnumerateFiles(path);
            foreach (var file in files.Order(StringComparer.Ordinal))
                foreach (var m in ReadFile(file, isMaildir))
                    yield return m;
            yield break;
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"No file or folder at {path}.", path);
        foreach (var m in ReadFile(path, maildir: false)) yield return m;
    }

    private static IEnumerable<MailFile> ReadFile(string file, bool maildir)
    {
        if (!maildir && IsMbox(file))
        {
            var i = 0;
            foreach (var (bytes, parsed) in MailParsing.ReadMbox(file))
                yield return new MailFile($"{file}#{i++}", bytes, Parsed: parsed);
            yield break;
        }
        yield return new MailFile(file, File.ReadAllBytes(file), maildir ? file : null);
    }

    /// <summary>An mbox starts with a "From " separator line; an .eml starts with a header field.</summary>
    public static bool IsMbox(string file)
    {
        using var stream = File.OpenRead(file);
        Span<byte> head = stackalloc byte[8];
        var n = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        var start = n >= 3 && head[..3].SequenceEqual("\uFEFF"u8) ? 3 : 0; // byte order mark
        return n - start >= 5 && head[start..(start + 5)].SequenceEqual("From "u8);
    }
}
