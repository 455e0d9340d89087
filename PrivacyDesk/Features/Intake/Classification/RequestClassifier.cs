using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake.Classification;

/// <summary>What the classifier decided and why: the phrases are quoted from the message as written.</summary>
public sealed record Classification(RequestType Type, IReadOnlyList<RequestType> Types, string Language, double Confidence, IReadOnlyList<string> Evidence)
{
    public static readonly Classification Unknown = new(RequestType.Other, [RequestType.Other], "en", 0, []);
}

/// <summary>
/// Rule-based classification of a request's types and language from its subject and body, with no
/// cloud service: weighted cues per type (see <see cref="ClassifierVocabulary"/>), the subject
/// counting double, quoted replies ignored, and threats of a complaint ("otherwise I will complain")
/// not counted as one. Every decision lists the phrases that made it.
/// </summary>
public static class RequestClassifier
{
    private sealed record CompiledCue(Cue Cue, Regex Regex);

    // A pattern written in both languages' lists (the article numbers) counts once, not once per language.
    private static readonly CompiledCue[] Cues = ClassifierVocabulary.Cues
        .DistinctBy(c => (c.Type, c.Pattern))
        // Linear-time matching (no backtracking), hence no timeout: a 200 ms timeout, meant against pathological input,
        // fired on ordinary mail when the machine was busy (20 browser circuits on 2 cores) and quarantined the message.
        .Select(c => new CompiledCue(c, new Regex(Spaces(c.Pattern), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)))
        .ToArray();

    /// <summary>A space in a cue matches any run of whitespace; " ?" (an optional space) matches none or more.</summary>
    private static string Spaces(string pattern) => pattern.Replace(" ?", "\u0001").Replace(" ", " +").Replace("\u0001", " *");

    // When scores tie, the more specific and more urgent request wins.
    private static readonly RequestType[] Priority =
        [RequestType.Withdrawal, RequestType.Erasure, RequestType.Rectification, RequestType.Portability, RequestType.Objection, RequestType.Access, RequestType.Complaint];

    public static Classification Classify(string? subject, string? body)
    {
        var text = Normalise(StripQuotedReply(body ?? ""));
        var subj = Normalise(subject ?? "");
        var original = StripQuotedReply(body ?? "");
        var language = DetectLanguage(subj + " " + text, subject + " " + original);

        var scores = new Dictionary<RequestType, int>();
        var evidence = new Dictionary<RequestType, List<string>>();
        Score(subj, subject ?? "", 2);
        Score(text, original, 1);

        if (scores.Count == 0 || scores.Values.Max() < 2)
            return Classification.Unknown with { Language = language.Code, Confidence = Math.Round(1 - (scores.Count == 0 ? 0 : scores.Values.Max() / 4.0), 2) * 0.5 };

        var ordered = scores.OrderByDescending(s => s.Value).ThenBy(s => Array.IndexOf(Priority, s.Key)).ToList();
        var top = ordered[0];
        var second = ordered.Count > 1 ? ordered[1].Value : 0;
        var types = ordered.Where(s => s.Key == top.Key || (s.Value >= 3 && s.Value * 2 >= top.Value)).Select(s => s.Key).ToList();
        var confidence = (double)top.Value / (top.Value + second) * Math.Min(1.0, top.Value / 6.0);
        var phrases = types.SelectMany(t => evidence[t].Distinct(StringComparer.OrdinalIgnoreCase).Select(p => $"{t.Code()}: \u201c{p}\u201d")).ToList();
        return new Classification(top.Key, types, language.Code, Math.Round(confidence, 2), phrases);

        void Score(string normalised, string source, int factor)
        {
            if (normalised.Length == 0) return;
            var sentences = SentenceSpans(normalised);
            foreach (var cue in Cues)
            {
                foreach (Match m in cue.Regex.Matches(normalised))
                {
                    var sentence = SentenceAt(normalised, sentences, m.Index);
                    if (cue.Cue.Type == RequestType.Complaint && IsConditional(sentence)) continue;
                    // "Supprimer un article de ma commande", "update my delivery address for order 1234": customer service.
                    if (IsAboutAnOrder(sentence)) continue;
                    // The type of an earlier request, told as history, is weak evidence of what this message asks.
                    var weight = cue.Cue.Type != RequestType.Complaint && IsHistory(sentence) ? Math.Min(cue.Cue.Weight, 1) : cue.Cue.Weight;
                    scores[cue.Cue.Type] = scores.GetValueOrDefault(cue.Cue.Type) + weight * factor;
                    (evidence.TryGetValue(cue.Cue.Type, out var list) ? list : evidence[cue.Cue.Type] = []).Add(source.Substring(m.Index, m.Length).Trim());
                    break; // one cue counts once: repeating a word is not more evidence
                }
            }
        }
    }

    /// <summary>Lower case, accents removed, curly apostrophes straightened, whitespace as single-width spaces; same length as the input.</summary>
    internal static string Normalise(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var c = char.ToLowerInvariant(ch);
            if (c is '\u2019' or '\u2018' or '`' or '\u00b4') c = '\'';
            else if (char.IsWhiteSpace(c)) c = ' ';
            else if (c > 127)
            {
                var d = c.ToString().Normalize(NormalizationForm.FormD);
                if (d.Length > 0 && d[0] < 128) c = d[0];
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Drops quoted lines ("> ...") and everything from a reply header ("On ... wrote:", "Le ... a écrit :", "-----Original Message-----").</summary>
    internal static string StripQuotedReply(string body)
    {
        var lines = body.Split('\n');
        var kept = new StringBuilder(body.Length);
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            var t = line.TrimStart();
            if (t.StartsWith("-----Original Message", StringComparison.OrdinalIgnoreCase) || t.StartsWith("-----Message d'origine", StringComparison.OrdinalIgnoreCase)
                || (t.StartsWith("On ", StringComparison.Ordinal) && t.EndsWith("wrote:", StringComparison.Ordinal))
                || (t.StartsWith("Le ", StringComparison.Ordinal) && (t.EndsWith("a écrit :", StringComparison.Ordinal) || t.EndsWith("a écrit:", StringComparison.Ordinal))))
                break;
            if (t.StartsWith('>')) continue;
            kept.Append(line).Append('\n');
        }
        return kept.ToString();
    }

    private static List<(int Start, int End)> SentenceSpans(string s)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
            if (s[i] is '.' or '!' or '?' or ';' || (s[i] == ' ' && i > 0 && s[i - 1] == ' '))
            {
                spans.Add((start, i));
                start = i + 1;
            }
        spans.Add((start, s.Length));
        return spans;
    }

    private static string SentenceAt(string s, List<(int Start, int End)> sentences, int index)
    {
        var (start, end) = sentences.FirstOrDefault(x => index >= x.Start && index <= x.End);
        return s[start..Math.Max(start, end)];
    }

    private static bool IsConditional(string sentence) => ClassifierVocabulary.ConditionalMarkers.Any(sentence.Contains);

    private static bool IsHistory(string sentence) => ClassifierVocabulary.HistoryMarkers.Any(sentence.Contains);

    private static bool IsAboutAnOrder(string sentence) =>
        ClassifierVocabulary.CommerceWords.Any(sentence.Contains) && !ClassifierVocabulary.PersonalDataWords.Any(sentence.Contains);

    private static (string Code, double Share) DetectLanguage(string normalised, string original)
    {
        var words = Regex.Split(normalised, @"[^a-z']+").Where(w => w.Length > 0).SelectMany(w => w.Split('\'')).ToList();
        var en = words.Count(ClassifierVocabulary.EnglishWords.Contains);
        var fr = words.Count(ClassifierVocabulary.FrenchWords.Contains) + original.Count(c => "éèêàâçôûùîïë".Contains(char.ToLowerInvariant(c))) / 2;
        return fr > en ? ("fr", fr / (double)(fr + en)) : ("en", en + fr == 0 ? 0.5 : en / (double)(fr + en));
    }

    internal static string Format(double d) => d.ToString("0.00", CultureInfo.InvariantCulture);
}
