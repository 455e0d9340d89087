using System.Globalization;
using System.Text;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Intake.Classification;

/// <summary>One labelled message of an evaluation set (testdata/classifier): its file, subject, body and the expected type and language.</summary>
public sealed record LabelledMessage(string File, string Subject, string Body, RequestType Type, string Language, string Source);

/// <summary>What the classifier made of one labelled message.</summary>
public sealed record ScoredMessage(LabelledMessage Message, Classification Result)
{
    public bool TypeRight => Result.Type == Message.Type;
    public bool LanguageRight => Result.Language == Message.Language;
}

/// <summary>
/// Scores the classifier on a labelled set: a folder of NNN.txt files ("Subject: ..." on the first line, a
/// blank line, the body) with labels.tsv (file, type, language, source). Used by `classify --evaluate` and
/// by the tests; the held-out part of the set is only ever scored, never tuned on (testdata/classifier/README.md).
/// </summary>
public static class ClassifierEvaluation
{
    public static IReadOnlyList<LabelledMessage> Load(string folder)
    {
        var labels = Path.Combine(folder, "labels.tsv");
        if (!File.Exists(labels)) throw new FileNotFoundException($"{folder} has no labels.tsv.", labels);
        var messages = new List<LabelledMessage>();
        foreach (var (line, number) in File.ReadLines(labels).Select((l, i) => (l, i + 1)).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = line.Split('\t');
            if (cells.Length < 3 || RequestTypeCodes.Parse(cells[1]) is not { } type)
                throw new FormatException($"labels.tsv line {number}: expected file, type, language, source; got '{line}'.");
            var text = File.ReadAllText(Path.Combine(folder, cells[0].Trim())).Replace("\r\n", "\n");
            var firstLine = text.Split('\n', 2);
            var subject = firstLine[0].StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) ? firstLine[0]["Subject:".Length..].Trim() : "";
            var body = subject.Length > 0 || firstLine[0].StartsWith("Subject:", StringComparison.OrdinalIgnoreCase) ? (firstLine.Length > 1 ? firstLine[1] : "") : text;
            messages.Add(new LabelledMessage(cells[0].Trim(), subject, body.TrimStart('\n'), type, cells[2].Trim(), cells.Length > 3 ? cells[3].Trim() : ""));
        }
        return messages;
    }

    public static IReadOnlyList<ScoredMessage> Score(IEnumerable<LabelledMessage> messages) =>
        messages.Select(m => new ScoredMessage(m, RequestClassifier.Classify(m.Subject, m.Body))).ToList();

    /// <summary>The scores as a report: totals, per type (recall and precision), per language, and a confusion table.</summary>
    public static string Report(IReadOnlyList<ScoredMessage> scored, bool listMisses)
    {
        var sb = new StringBuilder();
        var n = scored.Count;
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"type: {scored.Count(s => s.TypeRight)}/{n} ({Percent(scored.Count(s => s.TypeRight), n)}), language: {scored.Count(s => s.LanguageRight)}/{n} ({Percent(scored.Count(s => s.LanguageRight), n)})");
        foreach (var language in scored.Select(s => s.Message.Language).Distinct().Order())
        {
            var part = scored.Where(s => s.Message.Language == language).ToList();
            sb.AppendLine(inv, $"  {language}: type {part.Count(s => s.TypeRight)}/{part.Count} ({Percent(part.Count(s => s.TypeRight), part.Count)})");
        }
        var types = Enum.GetValues<RequestType>();
        sb.AppendLine("type            right  recall  precision");
        foreach (var t in types)
        {
            var expected = scored.Count(s => s.Message.Type == t);
            var predicted = scored.Count(s => s.Result.Type == t);
            var right = scored.Count(s => s.Message.Type == t && s.TypeRight);
            if (expected == 0 && predicted == 0) continue;
            sb.AppendLine(inv, $"{t.Code(),-15} {right,3}/{expected,-3} {Percent(right, expected),6}  {Percent(right, predicted),6}");
        }
        sb.AppendLine("confusion (rows: labelled, columns: classified as " + string.Join(" ", types.Select(t => t.Code()[..3])) + ")");
        foreach (var t in types)
            sb.Append(t.Code().PadRight(16)).AppendLine(string.Join(" ", types.Select(p => scored.Count(s => s.Message.Type == t && s.Result.Type == p).ToString(inv).PadLeft(3))));
        if (listMisses)
            foreach (var s in scored.Where(s => !s.TypeRight || !s.LanguageRight))
                sb.AppendLine(inv, $"MISS {s.Message.File} ({s.Message.Language}, labelled {s.Message.Type.Code()}): {s.Result.Type.Code()} {s.Result.Language} {s.Result.Confidence:0.00}; {string.Join(" | ", s.Result.Evidence.Take(4))}");
        return sb.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
