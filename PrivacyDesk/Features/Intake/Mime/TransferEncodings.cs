namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>Content-Transfer-Encoding decoders, tolerant of what real mailers produce.</summary>
public static class TransferEncodings
{
    public static byte[] Decode(ReadOnlySpan<byte> content, string? encoding) =>
        (encoding?.Trim().ToLowerInvariant()) switch
        {
            "base64" => DecodeBase64(content),
            "quoted-printable" => DecodeQuotedPrintable(content),
            _ => content.ToArray(), // 7bit, 8bit, binary and unknown encodings are taken as they are
        };

    /// <summary>Base64 that skips anything outside the alphabet, stops at padding and keeps a partial last group.</summary>
    public static byte[] DecodeBase64(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length * 3 / 4 + 3];
        int o = 0, bits = 0, acc = 0;
        foreach (var c in input)
        {
            int v = c switch
            {
                >= (byte)'A' and <= (byte)'Z' => c - 'A',
                >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
                >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
                (byte)'+' or (byte)'-' => 62,
                (byte)'/' or (byte)'_' => 63,
                (byte)'=' => -2,
                _ => -1,
            };
            if (v == -1) continue;
            if (v == -2)
            {
                // Padding ends a group; a new group may follow (concatenated base64 blocks happen).
                bits = 0; acc = 0;
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[o++] = (byte)(acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return output.AsSpan(0, o).ToArray();
    }

    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        var o = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '=') { output[o++] = c; continue; }
            if (i + 1 < input.Length && input[i + 1] == '\n') { i += 1; continue; }           // soft break (LF)
            if (i + 2 < input.Length && input[i + 1] == '\r' && input[i + 2] == '\n') { i += 2; continue; } // soft break (CRLF)
            if (i + 2 < input.Length && TryHex((char)input[i + 1], (char)input[i + 2], out var b)) { output[o++] = b; i += 2; continue; }
            if (i + 1 == input.Length) continue; // a trailing '=' is a soft break at the end of the part
            // Trailing whitespace after a soft-break '=' (seen from broken gateways).
            var j = i + 1;
            while (j < input.Length && (input[j] == ' ' || input[j] == '\t')) j++;
            if (j < input.Length && (input[j] == '\n' || (input[j] == '\r' && j + 1 < input.Length && input[j + 1] == '\n')))
            {
                i = input[j] == '\n' ? j : j + 1;
                continue;
            }
            output[o++] = c; // a lone '=' is kept literally
        }
        return output.AsSpan(0, o).ToArray();
    }

    internal static bool TryHex(char hi, char lo, out byte value)
    {
        value = 0;
        var h = HexValue(hi);
        var l = HexValue(lo);
        if (h < 0 || l < 0) return false;
        value = (byte)(h << 4 | l);
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
