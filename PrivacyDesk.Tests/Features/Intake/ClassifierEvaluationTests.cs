using PrivacyDesk.Features.Intake.Classification;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Intake;

/// <summary>
/// The classifier scored on letters written by other people (testdata/classifier: model letters of data-protection
/// authorities and consumer groups, and real-sounding emails, with their sources and licences). dev/ is what the
/// rules were tuned on; heldout/ was never read while tuning and is only scored here and by `classify --evaluate`.
/// </summary>
public sealed class ClassifierEvaluationTests(ITestOutputHelper output)
{
    private static string Set(string part) => Path.Combine(RepoPaths.Root, "testdata", "classifier", part);

    [Fact]
    public void The_tuning_set_is_classified_in_its_language_and_nearly_always_with_its_type()
    {
        var scored = ClassifierEvaluation.Score(ClassifierEvaluation.Load(Set("dev")));
        output.WriteLine(ClassifierEvaluation.Report(scored, listMisses: true));
        Assert.True(scored.Count >= 100, $"{scored.Count} messages");
        Assert.All(scored, s => Assert.True(s.LanguageRight, $"{s.Message.File}: {s.Result.Language}"));
        Assert.True(scored.Count(s => s.TypeRight) >= scored.Count * 0.95, $"type {scored.Count(s => s.TypeRight)}/{scored.Count}");
    }

    [Fact]
    public void The_held_out_letters_keep_their_measured_score()
    {
        // Scored, never tuned on: the floor is the score measured on 2026-12-02 (126/160, BENCHMARKS.md), below the
        // 85 % goal of issue 18; a change to the rules that loses held-out letters fails here.
        var scored = ClassifierEvaluation.Score(ClassifierEvaluation.Load(Set("heldout")));
        output.WriteLine(ClassifierEvaluation.Report(scored, listMisses: false));
        Assert.Equal(160, scored.Count);
        Assert.Equal(scored.Count, scored.Count(s => s.LanguageRight));
        Assert.True(scored.Count(s => s.TypeRight) >= 126, $"type {scored.Count(s => s.TypeRight)}/160");
    }

    [Theory]
    [InlineData("Supprimer un article de ma commande", "Est-il possible de supprimer le deuxième article de ma commande 2024-51877 avant l'expédition ?", RequestType.Other)]
    [InlineData("Delivery address", "Please update my delivery address for order 1234 to 12 Oak St.", RequestType.Other)]
    [InlineData("Delete my data", "Please delete my personal data, my order history included.", RequestType.Erasure)]
    [InlineData("No answer", "I asked you to delete my data on 3 April and you never replied. This is not good enough.", RequestType.Complaint)]
    [InlineData("Demande restée sans réponse", "Le 3 avril je vous ai demandé d'effacer mes données. Malgré cela, je continue à recevoir vos courriels.", RequestType.Complaint)]
    [InlineData("Data request", "Id like to know what personal data youve stored about me and who you shared it with.", RequestType.Access)]
    [InlineData("Do Not Sell or Share My Info", "Per the CCPA, opt me out.", RequestType.Withdrawal)]
    public void Orders_history_and_plain_wording_are_read_for_what_they_ask(string subject, string body, RequestType expected)
    {
        var result = RequestClassifier.Classify(subject, body);
        Assert.True(result.Type == expected, $"{result.Type} ({string.Join(" | ", result.Evidence)})");
    }

    [Fact]
    public void A_bad_label_is_reported_with_its_line()
    {
        var dir = Directory.CreateTempSubdirectory("pd-labels-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "001.txt"), "Subject: x\n\nhello");
            File.WriteAllText(Path.Combine(dir, "labels.tsv"), "file\ttype\tlanguage\tsource\n001.txt\tdeletion\ten\town\n");
            var e = Assert.Throws<FormatException>(() => ClassifierEvaluation.Load(dir));
            Assert.Contains("line 2", e.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
