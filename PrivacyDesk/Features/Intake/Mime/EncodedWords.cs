using System.Text;

namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// RFC 2047 encoded words (=?charset?B|Q?text?=). Adjacent words are joined before decoding so a
/// multi-byte character split across two words (as many mailers do) survives.
/// </summary>
public static class EncodedWords
{
    public static string Decode(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal)) return value;
        var sb = new StringBuilder(value.Length);
        var pendingBytes = new List<byte>();
        string? pendingCharset = null;
        var pendingSpace = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            if (TryReadWord(value, i, out var charset, out var bytes, out var next))
            {
                // Whitespace between two encoded words is not part of the text (RFC 2047 section 6.2).
                pendingSpace.Clear();
                if (pendingCharset is not null && !string.Equals(pendingCharset, charset, StringComparison.OrdinalIgnoreCase))
                    Flush();
                pendingCharset = charset;
                pendingBytes.AddRange(bytes);
                i = next;
                continue;
            }
            var c = value[i];
            if ((c == ' ' || c == '\t') && pendingCharset is not null)
            {
                pendingSpace.Append(c);
                i++;
                continue;
            }
            Flush();
            sb.Append(pendingSpace);
            pendingSpace.Clear();
            sb.Append(c);
            i++;
        }
        Flush();
        sb.Append(pendingSpace);
        return sb.ToString();

        void Flush()
        {
            if (pendingCharset is null) return;
            sb.Append(Charsets.Decode(pendingBytes.ToArray(), pendingCharset));
            pendingBytes.Clear();
            pendingCharset = null;
        }
    }

    private static bool TryReadWord(string s, int start, out string charset, out byte[] bytes, out int next)
    {
        charset = ""; bytes = []; next = start;
        if (start + 1 >= s.Length || s[start] != '=' || s[start + 1] != '?') return false;
        var q1 = s.IndexOf('?', start + 2);
        if (q1 < 0 || q1 == start + 2 || q1 + 2 >= s.Length || s[q1 + 2] != '?') return false;
        var encoding = char.ToUpperInvariant(s[q1 + 1]);
        if (encoding is not ('B' or 'Q')) return false;
        var end = s.IndexOf("?=", q1 + 3, StringComparison.Ordinal);
        if (end < 0) return false;
        var text = s.AsSpan(q1 + 3, end - q1 - 3);
        if (text.ContainsAny(' ', '\t')) return false;
        charset = s[(start + 2)..q1];
        bytes = encoding == 'B' ? TransferEncodings.DecodeBase64(Encoding.ASCII.GetBytes(text.ToString())) : DecodeQ(text);
        next = end + 2;
        return true;
    }

    private static byte[] DecodeQ(ReadOnlySpan<char> text)
    {
        var result = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '_') result.Add(0x20);
            else if (c == '=' && i + 2 < text.Length && TransferEncodings.TryHex(text[i + 1], text[i + 2], out var b))
            {
                result.Add(b);
                i += 2;
            }
            else result.Add((byte)c);
        }
        return result.ToArray();
    }
}
