using System.Text;

namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// A structured header value such as Content-Type or Content-Disposition: a leading value and its
/// parameters, with RFC 2231 continuations (name*0, name*1*) and charsets (name*=utf-8''%C3%A9)
/// joined and decoded, and the common non-standard RFC 2047 words inside quoted values decoded too.
/// </summary>
public sealed class HeaderParameters
{
    public string Value { get; }
    public IReadOnlyDictionary<string, string> Parameters { get; }

    private HeaderParameters(string value, IReadOnlyDictionary<string, string> parameters)
    {
        Value = value;
        Parameters = parameters;
    }

    public string? this[string name] => Parameters.TryGetValue(name, out var v) ? v : null;

    public static HeaderParameters Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return new HeaderParameters("", new Dictionary<string, string>());
        var s = StripComments(header);
        var semi = IndexOfUnquoted(s, ';', 0);
        var value = (semi < 0 ? s : s[..semi]).Trim();
        var raw = new List<(string Name, int? Section, bool Extended, string Value)>();
        var pos = semi;
        while (pos >= 0 && pos < s.Length)
        {
            var next = IndexOfUnquoted(s, ';', pos + 1);
            var part = (next < 0 ? s[(pos + 1)..] : s[(pos + 1)..next]).Trim();
            pos = next;
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var name = part[..eq].Trim().ToLowerInvariant();
            var val = Unquote(part[(eq + 1)..].Trim());
            var extended = name.EndsWith('*');
            if (extended) name = name[..^1];
            int? section = null;
            var star = name.LastIndexOf('*');
            if (star > 0 && int.TryParse(name[(star + 1)..], out var n)) { section = n; name = name[..star]; }
            raw.Add((name, section, extended, val));
        }
        return new HeaderParameters(value, Combine(raw));
    }

    private static Dictionary<string, string> Combine(List<(string Name, int? Section, bool Extended, string Value)> raw)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in raw.GroupBy(r => r.Name))
        {
            var parts = group.Any(p => p.Section is not null)
                ? group.Where(p => p.Section is not null).OrderBy(p => p.Section).ToList()
                : group.Take(1).ToList();
            var first = parts[0];
            string? charset = null;
            var bytes = new List<byte>();
            var sb = new StringBuilder();
            foreach (var p in parts)
            {
                var v = p.Value;
                if (p.Extended)
                {
                    if (p == first)
                    {
                        // charset'language'value
                        var q1 = v.IndexOf('\'');
                        var q2 = q1 < 0 ? -1 : v.IndexOf('\'', q1 + 1);
                        if (q2 > 0) { charset = v[..q1]; v = v[(q2 + 1)..]; }
                    }
                    bytes.AddRange(PercentDecode(v));
                }
                else
                {
                    FlushBytes();
                    sb.Append(v);
                }
            }
            FlushBytes();
            var text = sb.ToString();
            result[group.Key] = text.Contains("=?", StringComparison.Ordinal) ? EncodedWords.Decode(text) : text;

            void FlushBytes()
            {
                if (bytes.Count == 0) return;
                sb.Append(Charsets.Decode(bytes.ToArray(), charset));
                bytes.Clear();
            }
        }
        return result;
    }

    private static byte[] PercentDecode(string v)
    {
        var bytes = new List<byte>(v.Length);
        for (var i = 0; i < v.Length; i++)
        {
            if (v[i] == '%' && i + 2 < v.Length && TransferEncodings.TryHex(v[i + 1], v[i + 2], out var b)) { bytes.Add(b); i += 2; }
            else bytes.AddRange(Encoding.UTF8.GetBytes(v[i].ToString()));
        }
        return bytes.ToArray();
    }

    private static string Unquote(string v)
    {
        if (v.Length < 1 || v[0] != '"') return v;
        var sb = new StringBuilder(v.Length);
        for (var i = 1; i < v.Length; i++)
        {
            var c = v[i];
            if (c == '\\' && i + 1 < v.Length) { sb.Append(v[++i]); continue; }
            if (c == '"') break;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static int IndexOfUnquoted(string s, char target, int start)
    {
        var quoted = false;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\\' && quoted) { i++; continue; }
            if (c == '"') quoted = !quoted;
            else if (c == target && !quoted) return i;
        }
        return -1;
    }

    /// <summary>Removes (comments) outside quoted strings, as RFC 2045 allows in structured fields.</summary>
    private static string StripComments(string s)
    {
        if (!s.Contains('(')) return s;
        var sb = new StringBuilder(s.Length);
        int depth = 0;
        var quoted = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (depth == 0 && c == '"') quoted = !quoted;
            if (quoted) { sb.Append(c); if (c == '\\' && i + 1 < s.Length) sb.Append(s[++i]); continue; }
            if (c == '(') { depth++; continue; }
            if (c == ')' && depth > 0) { depth--; continue; }
            if (depth == 0) sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>A parsed Content-Type: media type and subtype in lower case, with parameters.</summary>
public sealed record ContentType(string MediaType, string SubType, HeaderParameters Header)
{
    public static readonly ContentType TextPlain = Parse("text/plain");
    public static readonly ContentType MessageRfc822 = Parse("message/rfc822");

    public string MimeType => $"{MediaType}/{SubType}";
    public string? Charset => Header["charset"];
    public string? Boundary => Header["boundary"];
    public string? Name => Header["name"];

    public bool Is(string media, string sub) =>
        MediaType.Equals(media, StringComparison.OrdinalIgnoreCase) && SubType.Equals(sub, StringComparison.OrdinalIgnoreCase);

    public static ContentType Parse(string? header)
    {
        var h = HeaderParameters.Parse(header);
        var slash = h.Value.IndexOf('/');
        if (h.Value.Length == 0) return new ContentType("text", "plain", h);
        // A type without a subtype ("text", "application-x-gzip") is kept as application/octet-stream, as MIME readers do.
        if (slash <= 0 || slash == h.Value.Length - 1)
            return h.Value.Equals("text", StringComparison.OrdinalIgnoreCase)
                ? new ContentType("text", "plain", h)
                : new ContentType("application", "octet-stream", h);
        return new ContentType(h.Value[..slash].Trim().ToLowerInvariant(), h.Value[(slash + 1)..].Trim().ToLowerInvariant(), h);
    }
}
