using System.Text.Json;
using PrivacyDesk.Features.Intake.Classification;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>Prints how an .eml would be classified: request types, language, confidence and the phrases that decided it.</summary>
public sealed class ClassifyVerb : CliVerb
{
    public override string Name => "classify";
    public override string Summary => "Classify an .eml as the intake would ({type, types, language, confidence, evidence}), or score a labelled set.";
    public override string Usage => "PrivacyDesk classify FILE.eml | PrivacyDesk classify --evaluate FOLDER [--misses]";
    public override IReadOnlyCollection<string> ValueOptions => ["--evaluate"];
    public override IReadOnlyCollection<string> Flags => ["--misses"];

    public override Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        if (args.Get("--evaluate") is { } folder)
        {
            // A labelled set (testdata/classifier/dev or heldout): the scores, and with --misses what went wrong.
            if (!Directory.Exists(folder)) throw new CliUsageException($"No folder at {folder}.");
            output.Write(ClassifierEvaluation.Report(ClassifierEvaluation.Score(ClassifierEvaluation.Load(folder)), args.Has("--misses")));
            return Task.FromResult(0);
        }
        var path = args.Positional.SingleOrDefault() ?? throw new CliUsageException("Name an .eml file to classify.");
        if (!File.Exists(path)) throw new CliUsageException($"No file at {path}.");
        var parsed = MailParsing.Parse(File.ReadAllBytes(path));
        if (parsed.Usable is not { } message) throw new CliUsageException($"{path} cannot be read as an email: {parsed.Error}");
        var c = RequestClassifier.Classify(message.Subject, MailIntake.BodyText(message));
        output.WriteLine(JsonSerializer.Serialize(new
        {
            type = c.Type.Code(),
            types = c.Types.Select(t => t.Code()),
            language = c.Language,
            confidence = c.Confidence,
            evidence = c.Evidence,
        }, ParseVerb.Json));
        return Task.FromResult(0);
    }
}
