using System.Text.RegularExpressions;
using PrivacyDesk.Features.Intake.Classification;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

public sealed class ClassifierTests(ITestOutputHelper output)
{
    /// <summary>The datenanfragen.de letters; "admonition" (a reminder that the deadline passed) is a complaint about handling.</summary>
    private static RequestType ExpectedFor(string file) => Path.GetFileNameWithoutExtension(file).Split('-')[0] switch
    {
        "access" => RequestType.Access,
        "erasure" => RequestType.Erasure,
        "rectification" => RequestType.Rectification,
        "objection" => RequestType.Objection,
        "complaint" or "admonition" => RequestType.Complaint,
        var other => throw new InvalidOperationException($"No expected type for {other}"),
    };

    /// <summary>Fills a template as a sender would: optional passages kept or dropped, placeholders blanked (their hints are not the sender's words).</summary>
    private static string Render(string template, bool withOptional)
    {
        var text = Regex.Replace(template, @"<\/?italic>", "");
        text = Regex.Replace(text, @"\{[^}]*\}", "…");
        text = Regex.Replace(text, @"\[\w+>([^\]]*)\]", m => withOptional ? m.Groups[1].Value : "");
        return text;
    }

    [Fact]
    public void Corpus_letters_in_both_languages_are_classified_with_their_type_and_language()
    {
        var cases = new List<(string Name, RequestType Expected, string Language, string Text)>();
        foreach (var language in new[] { "en", "fr" })
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Corpus, "requests", language)).Order())
                foreach (var optional in new[] { true, false })
                    cases.Add(($"{language}/{Path.GetFileName(file)}{(optional ? "+opt" : "")}", ExpectedFor(file), language, Render(File.ReadAllText(file), optional)));

        var typeOk = 0;
        var languageOk = 0;
        foreach (var c in cases)
        {
            var result = RequestClassifier.Classify(null, c.Text);
            typeOk += result.Type == c.Expected ? 1 : 0;
            languageOk += result.Language == c.Language ? 1 : 0;
            output.WriteLine($"{(result.Type == c.Expected ? "ok " : "BAD")} {c.Name}: {result.Type.Code()} ({result.Confidence:0.00}) lang {result.Language}; {string.Join(" | ", result.Evidence.Take(4))}");
        }
        output.WriteLine($"Corpus: type {typeOk}/{cases.Count}, language {languageOk}/{cases.Count}");
        Assert.Equal(28, cases.Count);
        Assert.Equal(cases.Count, languageOk);
        Assert.True(typeOk >= cases.Count * 0.9, $"type accuracy {typeOk}/{cases.Count}");
    }

    [Fact]
    public void Plain_wording_from_customers_generalises()
    {
        var typeOk = 0;
        var languageOk = 0;
        foreach (var s in ClassifierSamples.All)
        {
            var result = RequestClassifier.Classify(s.Subject, s.Body);
            var ok = result.Type.Code() == s.Type;
            typeOk += ok ? 1 : 0;
            languageOk += result.Language == s.Language ? 1 : 0;
            output.WriteLine($"{(ok ? "ok " : "BAD")} [{s.Language}] {s.Type} -> {result.Type.Code()} ({result.Confidence:0.00}) {string.Join(" | ", result.Evidence.Take(3))} :: {s.Body[..Math.Min(60, s.Body.Length)]}");
        }
        output.WriteLine($"Plain wording: type {typeOk}/{ClassifierSamples.All.Length}, language {languageOk}/{ClassifierSamples.All.Length}");
        Assert.True(typeOk >= ClassifierSamples.All.Length * 0.85, $"type accuracy {typeOk}/{ClassifierSamples.All.Length}");
        Assert.True(languageOk >= ClassifierSamples.All.Length - 1, $"language accuracy {languageOk}/{ClassifierSamples.All.Length}");
    }

    [Fact]
    public void Evidence_quotes_the_message_as_written_and_threats_are_not_complaints()
    {
        var r = RequestClassifier.Classify("Suppression", "Veuillez procéder à l’effacement de mes données. Sinon, je déposerai une plainte auprès de la CAI.");
        Assert.Equal(RequestType.Erasure, r.Type);
        Assert.Equal("fr", r.Language);
        Assert.Contains(r.Evidence, e => e.Contains("effacement"));
        Assert.DoesNotContain(RequestType.Complaint, r.Types);
    }

    [Fact]
    public void Quoted_replies_do_not_drive_the_decision_and_empty_mail_is_other()
    {
        var reply = RequestClassifier.Classify("Re: your request", "Thanks, that is fine.\n\nOn Mon, 2 Nov 2026, Privacy wrote:\n> We will delete your account and erase your data.");
        Assert.Equal(RequestType.Other, reply.Type);
        Assert.Equal(RequestType.Other, RequestClassifier.Classify("", "").Type);
    }

    [Fact]
    public void Several_requests_in_one_letter_are_all_listed()
    {
        var r = RequestClassifier.Classify(null, "Please delete my account, and until then unsubscribe me from your newsletter.");
        Assert.Contains(RequestType.Erasure, r.Types);
        Assert.Contains(RequestType.Withdrawal, r.Types);
    }
}
