using System.Text.Json;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>The parse and classify verbs print what the oracle and the issue describe.</summary>
[Collection(AppServerCollection.Name)]
public sealed class MailCliTests(AppServer app)
{
    [Fact]
    public async Task Parse_prints_one_json_line_per_message_with_the_oracle_field_names()
    {
        var (code, output) = await app.RunCliAsync("parse", Path.Combine(RepoPaths.Corpus, "mime", "mbox", "simple.mbox.txt"));
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.Equal(3, lines.Count);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        foreach (var field in new[] { "messageId", "inReplyTo", "references", "subject", "from", "to", "cc", "date", "textBody", "htmlBodyPresent", "htmlBodyLength", "attachments", "parseError" })
            Assert.True(first.TryGetProperty(field, out _), field);
        Assert.Equal("this'll probably break a lot of mime parsers", first.GetProperty("subject").GetString());
        Assert.Equal("2002-08-23T02:32:53-04:00", first.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Classify_prints_type_language_confidence_and_evidence()
    {
        var eml = Path.Combine(app.Directory, "classify.eml");
        File.WriteAllText(eml, "From: a@example.com\r\nSubject: Désabonnement\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJe ne veux plus recevoir vos infolettres.\r\n");
        var (code, output) = await app.RunCliAsync("classify", eml);
        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output.Split('\n').First(l => l.StartsWith('{'))).RootElement;
        Assert.Equal("withdrawal", json.GetProperty("type").GetString());
        Assert.Equal("fr", json.GetProperty("language").GetString());
        Assert.InRange(json.GetProperty("confidence").GetDouble(), 0.5, 1.0);
        Assert.Contains(json.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.Contains("ne veux plus recevoir"));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("types").ValueKind);
    }
}
