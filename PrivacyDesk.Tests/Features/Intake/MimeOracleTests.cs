using System.Text.Json;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>
/// What intake takes from MimeKit (the `parse` verb's facts) against the oracle's reading of the same
/// real-world messages (testdata/corpus/mime): subject, addresses, date, text body, HTML presence and
/// length, attachments' names, types and sizes. Any mapping error of ours shows here.
/// </summary>
public sealed class MimeOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void Agrees_with_the_MimeKit_oracle_on_every_message_of_the_corpus()
    {
        var dir = Path.Combine(RepoPaths.Corpus, "mime");
        var cases = OracleCases(dir).ToList();
        Assert.Equal(72, cases.Count);

        var disagreements = new List<string>();
        foreach (var (expected, actual) in cases)
        {
            var problems = Compare(expected, actual);
            if (problems.Count > 0) disagreements.Add($"{expected.GetProperty("file")}#{expected.GetProperty("index")}: {string.Join("; ", problems)}");
        }
        foreach (var d in disagreements) output.WriteLine(d);
        var agreement = (cases.Count - disagreements.Count) / (double)cases.Count;
        output.WriteLine($"Agreement: {cases.Count - disagreements.Count}/{cases.Count} = {agreement:P1}");
        Assert.True(disagreements.Count == 0, $"Only {agreement:P1} agreement:\n{string.Join("\n", disagreements)}");
    }

    private static IEnumerable<(JsonElement Expected, MessageFacts Actual)> OracleCases(string dir)
    {
        foreach (var (oracle, folder) in new[] { ("oracle-messages.jsonl", "messages"), ("oracle-mbox.jsonl", "mbox") })
        {
            var expected = File.ReadLines(Path.Combine(dir, oracle)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            foreach (var group in expected.GroupBy(e => e.GetProperty("file").GetString()!))
            {
                var parsed = MailFiles.Read(Path.Combine(dir, folder, group.Key)).Select(f => MessageFacts.Of(f.Parsed ?? MailParsing.Parse(f.Bytes))).ToList();
                Assert.True(parsed.Count == group.Count(), $"{group.Key}: {parsed.Count} messages read, the oracle has {group.Count()}");
                foreach (var (e, a) in group.Zip(parsed)) yield return (e, a);
            }
        }
    }

    private static List<string> Compare(JsonElement e, MessageFacts a)
    {
        var problems = new List<string>();
        Check("subject", e.GetProperty("subject").GetString(), a.Subject);
        Check("date", e.GetProperty("date").GetString(), a.Date);
        Check("textBody", e.GetProperty("textBody").GetString(), a.TextBody);
        Check("htmlBodyPresent", e.GetProperty("htmlBodyPresent").GetBoolean().ToString(), a.HtmlBodyPresent.ToString());
        Check("htmlBodyLength", e.GetProperty("htmlBodyLength").GetInt32().ToString(), a.HtmlBodyLength.ToString());
        foreach (var (name, list) in new[] { ("from", a.From), ("to", a.To), ("cc", a.Cc) })
            Check(name, Addresses(e.GetProperty(name)), string.Join(", ", list.Select(x => $"{x.Name}<{x.Address.ToLowerInvariant()}>")));
        var expectedAttachments = e.GetProperty("attachments").EnumerateArray().ToList();
        if (expectedAttachments.Count != a.Attachments.Count) problems.Add($"attachments: {expectedAttachments.Count} expected, {a.Attachments.Count} read");
        else
            foreach (var (x, y) in expectedAttachments.Zip(a.Attachments))
            {
                Check("attachment name", x.GetProperty("fileName").GetString(), y.FileName);
                Check("attachment type", x.GetProperty("contentType").GetString()!.ToLowerInvariant(), y.ContentType);
                var size = x.GetProperty("sizeBytes").GetInt64();
                // An attached message's size is MimeKit's re-written copy: compared loosely, as the corpus README says.
                var tolerance = y.ContentType == "message/rfc822" ? size / 10 + 20 : 0;
                if (Math.Abs(size - y.SizeBytes) > tolerance) problems.Add($"attachment size: {size} expected, {y.SizeBytes} read");
            }
        return problems;

        void Check(string field, string? expected, string? actual)
        {
            if (expected != actual) problems.Add($"{field}: expected {Short(expected)}, read {Short(actual)}");
        }
    }

    private static string Addresses(JsonElement list) =>
        string.Join(", ", list.EnumerateArray().Select(x => $"{x.GetProperty("name").GetString()}<{x.GetProperty("address").GetString()!.ToLowerInvariant()}>"));

    private static string Short(string? s) => s is null ? "null" : s.Length > 80 ? $"\"{s[..80]}…\"" : $"\"{s}\"";
}
