namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>What a template is for: a reply to a type of request, or a letter the law requires.</summary>
public enum TemplatePurpose { Acknowledgement, VerificationRequest, Reply, ExtensionNotice, Decision, Refusal, Closing }

/// <summary>
/// A reply template (Handlebars) in one language, optionally for one request type. Installation-wide:
/// the merchant's own name and officer come in through placeholders.
/// </summary>
public class ReplyTemplate
{
    public int Id { get; set; }
    public TemplatePurpose Purpose { get; set; }

    /// <summary>Null: for every type.</summary>
    public RequestType? RequestType { get; set; }
    public string Language { get; set; } = "en";
    public required string Name { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}
