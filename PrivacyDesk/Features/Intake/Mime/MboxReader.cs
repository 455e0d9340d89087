namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// Splits an mbox stream into messages at every line that starts with "From " (mboxo/mboxrd as
/// written by most tools), streaming so that a multi-gigabyte mailbox never sits in memory whole.
/// The line break before a separator belongs to the separator, not to the message.
/// </summary>
public static class MboxReader
{
    public static IEnumerable<byte[]> ReadMessages(Stream stream)
    {
        var buffer = new byte[1 << 16];
        int len = 0, pos = 0;
        var eof = false;
        var current = new MemoryStream();
        var started = false;
        while (true)
        {
            var nl = buffer.AsSpan(pos, len - pos).IndexOf((byte)'\n');
            while (nl < 0 && !eof)
            {
                if (pos > 0) { Buffer.BlockCopy(buffer, pos, buffer, 0, len - pos); len -= pos; pos = 0; }
                if (len == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = stream.Read(buffer, len, buffer.Length - len);
                if (read == 0) eof = true;
                len += read;
                nl = buffer.AsSpan(pos, len - pos).IndexOf((byte)'\n');
            }
            if (pos >= len) break;
            var lineEnd = nl < 0 ? len : pos + nl + 1;
            if (started && buffer.AsSpan(pos, lineEnd - pos).StartsWith("From "u8))
            {
                yield return Finish(current, trimNewline: true);
                current = new MemoryStream();
            }
            if (!started && buffer.AsSpan(pos, lineEnd - pos).StartsWith("\uFEFF"u8)) pos += 3; // byte order mark
            if (started || !IsBlank(buffer.AsSpan(pos, lineEnd - pos)))
            {
                current.Write(buffer, pos, lineEnd - pos);
                started = true;
            }
            pos = lineEnd;
        }
        if (started) yield return Finish(current, trimNewline: false);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r\n"u8).IsEmpty;

    private static byte[] Finish(MemoryStream ms, bool trimNewline)
    {
        var bytes = ms.GetBuffer();
        var n = (int)ms.Length;
        if (trimNewline && n > 0 && bytes[n - 1] == '\n') n--;
        if (trimNewline && n > 0 && bytes[n - 1] == '\r') n--;
        return bytes.AsSpan(0, n).ToArray();
    }
}
