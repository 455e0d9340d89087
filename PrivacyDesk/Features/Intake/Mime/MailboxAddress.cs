using System.Text;

namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>One mailbox: an optional display name and the address.</summary>
public sealed record MailboxAddress(string? Name, string Address)
{
    public override string ToString() => Name is null ? Address : $"{Name} <{Address}>";
}

/// <summary>
/// RFC 5322 address lists: display names (atoms, quoted strings, encoded words), angle addresses
/// with obsolete routes, groups (members flattened), comments, and the broken forms seen in the wild
/// (unquoted dots and '@' in names, missing angle brackets). Never throws.
/// </summary>
public static class AddressParser
{
    private enum Kind { Word, Quoted, Comment, Special }

    private readonly record struct Token(Kind Kind, string Text);

    public static List<MailboxAddress> Parse(string? value)
    {
        var result = new List<MailboxAddress>();
        if (string.IsNullOrWhiteSpace(value)) return result;
        var tokens = Tokenize(value);
        var current = new List<Token>();
        var inAngle = false;
        foreach (var t in tokens)
        {
            if (t.Kind == Kind.Special)
            {
                if (t.Text == "<") inAngle = true;
                else if (t.Text == ">") inAngle = false;
                else if (!inAngle && (t.Text == "," || t.Text == ";"))
                {
                    AddMailbox(current, result);
                    current.Clear();
                    continue;
                }
                else if (!inAngle && t.Text == ":")
                {
                    // "Group name:" starts a group; what came before is its name, not an address.
                    current.Clear();
                    continue;
                }
            }
            current.Add(t);
        }
        AddMailbox(current, result);
        return result;
    }

    private static void AddMailbox(List<Token> tokens, List<MailboxAddress> result)
    {
        if (tokens.Count == 0) return;
        var open = tokens.FindIndex(t => t.Kind == Kind.Special && t.Text == "<");
        string address;
        string? name;
        if (open >= 0)
        {
            var close = tokens.FindIndex(open, t => t.Kind == Kind.Special && t.Text == ">");
            var inner = tokens.Skip(open + 1).Take((close < 0 ? tokens.Count : close) - open - 1).Where(t => t.Kind != Kind.Comment).ToList();
            // Obsolete source route: <@a.example,@b.example:user@c.example>
            var colon = inner.FindLastIndex(t => t.Kind == Kind.Special && t.Text == ":");
            if (colon >= 0) inner = inner.Skip(colon + 1).ToList();
            address = Join(inner);
            name = Phrase(tokens.Take(open));
            name ??= tokens.Skip(open).Where(t => t.Kind == Kind.Comment).Select(t => t.Text).FirstOrDefault(c => c.Length > 0);
        }
        else
        {
            var words = tokens.Where(t => t.Kind != Kind.Comment).ToList();
            if (words.Count == 0) return;
            address = Join(words);
            name = tokens.Where(t => t.Kind == Kind.Comment).Select(t => EncodedWords.Decode(t.Text).Trim()).FirstOrDefault(c => c.Length > 0);
        }
        // A second '@' is garbage appended by old gateways (user@host@relay); keep the first mailbox.
        var at = address.IndexOf('@');
        if (at >= 0 && address.IndexOf('@', at + 1) is var second and > 0) address = address[..second];
        // Without '@' there is no mailbox to answer (bare words, UUCP paths, undecoded junk).
        if (at <= 0 || at == address.Length - 1) return;
        result.Add(new MailboxAddress(name, address));
    }

    private static string Join(IEnumerable<Token> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
            sb.Append(t.Kind == Kind.Quoted && t.Text.Any(c => c is ' ' or '"' or '\\') ? $"\"{t.Text}\"" : t.Text);
        return sb.ToString();
    }

    private static string? Phrase(IEnumerable<Token> tokens)
    {
        var sb = new StringBuilder();
        Token? previous = null;
        foreach (var t in tokens.Where(t => t.Kind is Kind.Word or Kind.Quoted or Kind.Special))
        {
            // Unquoted '@' or '.' in a name ("jane.doe@host <...>") stays glued to its neighbours.
            var glue = t.Kind == Kind.Special || previous is { Kind: Kind.Special };
            if (previous is not null && !glue) sb.Append(' ');
            sb.Append(t.Text);
            previous = t;
        }
        var phrase = EncodedWords.Decode(sb.ToString()).Trim();
        return phrase.Length == 0 ? null : phrase;
    }

    private static List<Token> Tokenize(string s)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length) i++;
                    if (s[i] is not ('\r' or '\n')) sb.Append(s[i]);
                    i++;
                }
                i++;
                tokens.Add(new Token(Kind.Quoted, sb.ToString()));
                continue;
            }
            if (c == '(')
            {
                var sb = new StringBuilder();
                var depth = 1;
                i++;
                while (i < s.Length && depth > 0)
                {
                    if (s[i] == '\\' && i + 1 < s.Length) { sb.Append(s[i + 1]); i += 2; continue; }
                    if (s[i] == '(') depth++;
                    else if (s[i] == ')' && --depth == 0) break;
                    sb.Append(s[i]);
                    i++;
                }
                i++;
                tokens.Add(new Token(Kind.Comment, sb.ToString()));
                continue;
            }
            if (c is '<' or '>' or ',' or ';' or ':' or '@')
            {
                // An encoded word may contain ':' or ',' only inside "=?...?="; read it whole.
                tokens.Add(new Token(Kind.Special, c.ToString()));
                i++;
                continue;
            }
            var start = i;
            if (c == '=' && i + 1 < s.Length && s[i + 1] == '?')
            {
                var end = s.IndexOf("?=", i + 2, StringComparison.Ordinal);
                // Skip past the charset and encoding marks ("=?utf-8?Q?") to find the real end.
                var q = s.IndexOf('?', i + 2);
                if (q > 0 && q + 2 < s.Length) end = s.IndexOf("?=", q + 3, StringComparison.Ordinal);
                if (end > 0 && !s.AsSpan(i, end - i).ContainsAny(' ', '\t')) { i = end + 2; }
            }
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('"' or '(' or '<' or '>' or ',' or ';' or ':' or '@')) i++;
            tokens.Add(new Token(Kind.Word, s[start..i]));
        }
        // "@" inside a display name without brackets is rare; "user @ host" forms are joined by Join().
        return tokens;
    }
}
