namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// Reads RFC 5322 / MIME messages from bytes. Works on the buffer in place (spans and offsets),
/// nests multiparts and attached messages up to <see cref="MaxDepth"/>, and never throws: whatever
/// it cannot read becomes <see cref="MimeMessage.ParseError"/>.
/// </summary>
public static class MimeParser
{
    public const int MaxDepth = 48;

    public static MimeMessage Parse(byte[] data) => Parse(data, 0, data.Length);

    public static MimeMessage Parse(byte[] data, int start, int end)
    {
        try
        {
            if (end - start >= 3 && data.AsSpan(start, 3).SequenceEqual("\uFEFF"u8)) start += 3; // a UTF-8 byte order mark some tools prepend
            var reader = new Reader(data);
            var entity = reader.ParseEntity(start, end, ContentType.TextPlain, 0, out _);
            return new MimeMessage(data, start, end, entity, error: entity.Headers.Count == 0 ? "No header fields: this is not an email message." : null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Keep the message (raw bytes are evidence) and say why it could not be read.
            var empty = new MimeEntity(data, MimeHeaders.Empty, ContentType.TextPlain, start, end);
            return new MimeMessage(data, start, end, empty, error: $"Unreadable message: {e.Message}");
        }
    }

    private sealed class Reader(byte[] data)
    {
        // Boundaries of the enclosing multiparts, innermost last.
        private readonly List<byte[]> boundaries = [];

        public MimeEntity ParseEntity(int start, int end, ContentType defaultType, int depth, out int stop)
        {
            var headers = ReadHeaders(start, end, out var bodyStart);
            var contentType = headers["Content-Type"] is { } ct ? ContentType.Parse(ct) : defaultType;
            var entity = new MimeEntity(data, headers, contentType, bodyStart, end);

            if (depth < MaxDepth && contentType.MediaType == "multipart" && contentType.Boundary is { } boundary)
            {
                entity.IsMultipart = true;
                stop = ParseMultipart(entity, System.Text.Encoding.UTF8.GetBytes(boundary.Trim()), bodyStart, end, depth);
                return entity;
            }
            if (depth < MaxDepth && (contentType.Is("message", "rfc822") || contentType.Is("message", "global")))
            {
                var inner = ParseEntity(bodyStart, end, ContentType.TextPlain, depth + 1, out stop);
                entity.ContentEnd = ContentEndBefore(stop, bodyStart, end);
                entity.Message = new MimeMessage(data, bodyStart, entity.ContentEnd, inner, null);
                return entity;
            }
            stop = FindBoundary(bodyStart, end, out _, out _);
            entity.ContentEnd = ContentEndBefore(stop, bodyStart, end);
            return entity;
        }

        private int ParseMultipart(MimeEntity entity, byte[] boundary, int bodyStart, int end, int depth)
        {
            boundaries.Add(boundary);
            var myLevel = boundaries.Count - 1;
            var childType = entity.ContentType.SubType == "digest" ? ContentType.MessageRfc822 : ContentType.TextPlain;
            var pos = FindBoundary(bodyStart, end, out var level, out var isEnd); // skip the preamble
            try
            {
                while (pos < end && level == myLevel && !isEnd)
                {
                    var childStart = NextLine(pos, end);
                    var child = ParseEntity(childStart, end, childType, depth + 1, out pos);
                    entity.Children.Add(child);
                    if (pos >= end) return end;
                    MatchBoundary(pos, end, out level, out isEnd);
                }
                if (pos < end && level == myLevel && isEnd)
                {
                    // The epilogue runs to the next enclosing boundary (or the end).
                    boundaries.RemoveAt(myLevel);
                    return FindBoundary(NextLine(pos, end), end, out _, out _);
                }
                return pos; // an enclosing boundary closed this multipart early, or the data ended
            }
            finally
            {
                if (boundaries.Count > myLevel) boundaries.RemoveRange(myLevel, boundaries.Count - myLevel);
            }
        }

        /// <summary>The start of the next line that is a boundary of an open multipart, or <paramref name="end"/>.</summary>
        private int FindBoundary(int pos, int end, out int level, out bool isEnd)
        {
            level = -1;
            isEnd = false;
            if (boundaries.Count == 0) return end;
            while (pos < end)
            {
                if (data[pos] == '-' && pos + 1 < end && data[pos + 1] == '-' && MatchBoundary(pos, end, out level, out isEnd)) return pos;
                var nl = data.AsSpan(pos, end - pos).IndexOf((byte)'\n');
                if (nl < 0) break;
                pos += nl + 1;
            }
            level = -1;
            return end;
        }

        /// <summary>Is the line at <paramref name="pos"/> "--boundary" or "--boundary--" (trailing blanks allowed) of an open multipart?</summary>
        private bool MatchBoundary(int pos, int end, out int level, out bool isEnd)
        {
            level = -1;
            isEnd = false;
            var nl = data.AsSpan(pos, end - pos).IndexOf((byte)'\n');
            var line = data.AsSpan(pos, nl < 0 ? end - pos : nl);
            if (line.Length < 2 || line[0] != '-' || line[1] != '-') return false;
            line = line[2..].TrimEnd(" \t\r"u8);
            for (var i = boundaries.Count - 1; i >= 0; i--)
            {
                var b = boundaries[i];
                if (!line.StartsWith(b)) continue;
                var rest = line[b.Length..];
                if (rest.Length == 0) { level = i; return true; }
                if (rest.SequenceEqual("--"u8)) { level = i; isEnd = true; return true; }
            }
            return false;
        }

        private MimeHeaders ReadHeaders(int start, int end, out int bodyStart)
        {
            var fields = new List<MimeHeader>();
            var pos = start;
            string? name = null;
            var value = new System.Text.StringBuilder();
            while (pos < end)
            {
                var nl = data.AsSpan(pos, end - pos).IndexOf((byte)'\n');
                var lineEnd = nl < 0 ? end : pos + nl;
                var line = data.AsSpan(pos, lineEnd - pos);
                if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
                var next = nl < 0 ? end : lineEnd + 1;

                if (line.Length == 0) { Add(); bodyStart = next; return new MimeHeaders(fields); }
                if ((line[0] == ' ' || line[0] == '\t') && name is not null)
                {
                    value.Append(Text(line)); // unfolding: the line break goes, the whitespace stays
                    pos = next;
                    continue;
                }
                if (boundaries.Count > 0 && line.Length >= 2 && line[0] == '-' && line[1] == '-' && MatchBoundary(pos, end, out _, out _))
                {
                    Add(); bodyStart = pos; return new MimeHeaders(fields);
                }
                var colon = line.IndexOf((byte)':');
                if (colon > 0 && IsFieldName(line[..colon].TrimEnd(" \t"u8)))
                {
                    Add();
                    name = System.Text.Encoding.ASCII.GetString(line[..colon].TrimEnd(" \t"u8));
                    value.Append(Text(line[(colon + 1)..]));
                    pos = next;
                    continue;
                }
                if (fields.Count == 0 && name is null && line.StartsWith("From "u8)) { pos = next; continue; } // mbox separator
                if (colon < 0 && name is not null)
                {
                    // A broken fold (a long header wrapped without leading whitespace): keep it with its field.
                    value.Append(' ').Append(Text(line));
                    pos = next;
                    continue;
                }
                // Not a header line: the header block ended without its blank line; this line is body.
                Add();
                bodyStart = pos;
                return new MimeHeaders(fields);
            }
            Add();
            bodyStart = end;
            return new MimeHeaders(fields);

            void Add()
            {
                if (name is null) return;
                fields.Add(new MimeHeader(name, value.ToString().Trim()));
                name = null;
                value.Clear();
            }
        }

        private static bool IsFieldName(ReadOnlySpan<byte> name)
        {
            if (name.Length == 0) return false;
            foreach (var b in name)
                if (b <= 32 || b >= 127) return false;
            return true;
        }

        private static string Text(ReadOnlySpan<byte> bytes) => Charsets.DecodeUndeclared(bytes);

        private int NextLine(int pos, int end)
        {
            var nl = data.AsSpan(pos, end - pos).IndexOf((byte)'\n');
            return nl < 0 ? end : pos + nl + 1;
        }

        /// <summary>Content ends before the line break that precedes a boundary line (it belongs to the boundary).</summary>
        private int ContentEndBefore(int stop, int contentStart, int end)
        {
            if (stop >= end) return end;
            var e = stop;
            if (e > contentStart && data[e - 1] == '\n') e--;
            if (e > contentStart && data[e - 1] == '\r') e--;
            return e;
        }
    }
}
