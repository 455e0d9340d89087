using System.Text.Encodings.Web;
using System.Text.Json;
using PrivacyDesk.Features.Intake;

namespace PrivacyDesk.Hosting.Cli.Verbs;

/// <summary>Prints what intake reads (through MimeKit) from an .eml, an mbox or a Maildir: one JSON object per message, in the oracle's fields.</summary>
public sealed class ParseVerb : CliVerb
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a terminal shows "é", not "\u00E9"; this is never HTML
    };

    public override string Name => "parse";
    public override string Summary => "Print one JSON line per message of an .eml, mbox or Maildir as the MIME parser reads it.";
    public override string Usage => "PrivacyDesk parse FILE|MAILDIR";

    public override Task<int> RunAsync(CliArgs args, IServiceProvider services, TextWriter output)
    {
        var path = args.Positional.SingleOrDefault() ?? throw new CliUsageException("Name a file or Maildir folder to parse.");
        if (!File.Exists(path) && !Directory.Exists(path)) throw new CliUsageException($"No file or folder at {path}.");
        foreach (var file in MailFiles.Read(path))
            output.WriteLine(JsonSerializer.Serialize(MessageFacts.Of(file.Parsed ?? MailParsing.Parse(file.Bytes)), Json));
        return Task.FromResult(0);
    }
}
