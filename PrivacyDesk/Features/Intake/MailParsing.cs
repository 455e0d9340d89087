using System.Text;
using MimeKit;
using MimeKit.Text;

namespace PrivacyDesk.Features.Intake;

/// <summary>
/// A message as MimeKit read it, and why intake cannot use it when it cannot (the bytes are kept
/// either way). Bytes MimeKit reads as a body without any header field come with both.
/// </summary>
public sealed record ParsedMail(MimeMessage? Message, string? Error)
{
    /// <summary>The message when intake can use it.</summary>
    public MimeMessage? Usable => Error is null ? Message : null;
}

/// <summary>
/// MimeKit as intake uses it: one parser reused per thread (a fresh parser per message allocates
/// its buffers again, which on a huge folded header costs a thousand times more, see STACK.md),
/// legacy code pages registered (ISO-2022-JP, Windows-125x), and what a message means to an
/// officer: the text they read, HTML turned into text when there is no plain part, flowed text
/// joined as the sender's client wrote it.
/// </summary>
public static class MailParsing
{
    // UTF-7 is decoded too: Directory.Build.props turns on .NET's switch for it (see why there).
    static MailParsing() => RegisterCodePages();

    /// <summary>
    /// The legacy charsets of real mail (ISO-2022-JP, windows-125x, KOI8-R) for every reader of mail, from the
    /// moment the app's assembly loads: MailFiles parsed an mbox before this class was touched, and read
    /// Japanese mail as escape codes (MimeOracleTests, when it ran first).
    /// </summary>
    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void RegisterCodePages() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [ThreadStatic] private static MimeParser? _parser;

    private const string NoHeaders = "not an email: it has no header fields";

    public static ParsedMail Parse(byte[] raw) => Parse(new MemoryStream(raw, writable: false));

    public static ParsedMail Parse(Stream stream)
    {
        try
        {
            var parser = _parser ??= new MimeParser(ParserOptions.Default, Stream.Null, MimeFormat.Entity);
            parser.SetStream(stream, MimeFormat.Entity);
            var message = parser.ParseMessage();
            // MimeKit reads almost anything as "a message with a body"; bytes with no header field at all are not mail.
            if (message.Headers.Count == 0) return new ParsedMail(message, NoHeaders);
            return new ParsedMail(message, null);
        }
        catch (FormatException e)
        {
            return new ParsedMail(null, "not an email: " + e.Message);
        }
        finally
        {
            _parser?.SetStream(Stream.Null, MimeFormat.Entity); // let the message's bytes go
        }
    }

    /// <summary>The text an officer reads: the plain body, else the HTML body converted to text.</summary>
    public static string BodyText(MimeMessage message)
    {
        if (message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain && !p.IsAttachment) is { } plain)
        {
            var text = plain.Text;
            if (string.Equals(plain.ContentType.Parameters["format"], "flowed", StringComparison.OrdinalIgnoreCase))
                text = new FlowedToText { DeleteSpace = string.Equals(plain.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase) }.Convert(text);
            return text.Replace("\r\n", "\n");
        }
        return Display.HtmlText.ToPlainText(message.HtmlBody) ?? "";
    }

    /// <summary>The first address to answer: From, else Reply-To (groups flattened).</summary>
    public static MailboxAddress? Sender(MimeMessage message) =>
        message.From.Mailboxes.FirstOrDefault() ?? message.ReplyTo.Mailboxes.FirstOrDefault();

    /// <summary>The Date header when there is one MimeKit could read.</summary>
    public static DateTimeOffset? Date(MimeMessage message) =>
        message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null;

    /// <summary>
    /// Every message of an mbox file with its exact bytes (what intake stores and hashes), read by one
    /// MimeParser in mbox mode. A UTF-8 byte-order mark inside the file (files concatenated from
    /// editors) stops MimeKit's mbox mode, so such a file is read from a copy without them.
    /// </summary>
    public static IEnumerable<(byte[] Raw, ParsedMail Mail)> ReadMbox(string path)
    {
        var copy = HasByteOrderMark(path) ? WithoutByteOrderMarks(path) : null;
        try
        {
            using var stream = File.OpenRead(copy ?? path);
            using var source = File.OpenRead(copy ?? path);
            var parser = new MimeParser(ParserOptions.Default, stream, MimeFormat.Mbox);
            long begin = 0, end = 0;
            parser.MimeMessageBegin += (_, e) => { if (e.Parent is null) begin = e.BeginOffset; };
            parser.MimeMessageEnd += (_, e) => { if (e.Parent is null) end = e.EndOffset; };
            while (!parser.IsEndOfStream)
            {
                MimeMessage message;
                string? broken = null;
                try { message = parser.ParseMessage(); }
                catch (FormatException e) { message = null!; broken = e.Message; }
                if (broken is not null)
                {
                    // The rest of the file is not mbox MimeKit can follow: it is kept whole, as one unreadable
                    // piece that intake quarantines with the reason, rather than dropped.
                    var rest = Slice(source, end, source.Length);
                    if (rest.AsSpan().Trim(" \t\r\n"u8).Length > 0)
                        yield return (rest, new ParsedMail(null, $"not an mbox from byte {end} on: {broken}"));
                    yield break;
                }
                var raw = Slice(source, begin, end);
                yield return (raw, new ParsedMail(message, message.Headers.Count == 0 ? NoHeaders : null));
            }
        }
        finally
        {
            if (copy is not null) File.Delete(copy);
        }
    }

    private static byte[] Slice(FileStream source, long begin, long end)
    {
        if (end <= begin) return [];
        // The line break before the next "From " line belongs to the separator, not to the message.
        var length = (int)(end - begin);
        var bytes = new byte[length];
        source.Position = begin;
        source.ReadExactly(bytes);
        var n = bytes.Length;
        if (n > 0 && bytes[n - 1] == '\n') n--;
        if (n > 0 && bytes[n - 1] == '\r') n--;
        return n == bytes.Length ? bytes : bytes[..n];
    }

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static bool HasByteOrderMark(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read, carry = 0;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var span = buffer.AsSpan(0, carry + read);
            if (span.IndexOf(Bom) >= 0) return true;
            carry = Math.Min(2, span.Length);
            span[^carry..].CopyTo(buffer);
        }
        return false;
    }

    /// <summary>
    /// A copy without the marks that start a file glued on (at the very start, or right before a
    /// "From " line); the same bytes inside a message body are the message's and stay. Read whole: only
    /// files that have such a mark come here.
    /// </summary>
    private static string WithoutByteOrderMarks(string path)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"pd-mbox-{Guid.NewGuid():N}");
        var all = File.ReadAllBytes(path);
        using var output = new FileStream(copy, FileMode.CreateNew, FileAccess.Write);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var span = all.AsSpan();
        var written = 0;
        for (var at = span.IndexOf(Bom); at >= 0; )
        {
            var startsAFile = (at == 0 || span[at - 1] == '\n') && span[(at + 3)..].StartsWith("From "u8);
            if (startsAFile)
            {
                output.Write(span[written..at]);
                written = at + 3;
            }
            var next = span[(at + 3)..].IndexOf(Bom);
            at = next < 0 ? -1 : at + 3 + next;
        }
        output.Write(span[written..]);
        return copy;
    }
}

