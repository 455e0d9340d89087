namespace PrivacyDesk.Features.Requests.Templates;

/// <summary>
/// What a template is for: a reply to a type of request, or a letter the law requires; or a notice that is not about a
/// request (a change of the privacy policy, a disclosure the law compelled), which the reply form never offers.
/// </summary>
public enum TemplatePurpose { Acknowledgement, VerificationRequest, Reply, ExtensionNotice, Decision, Refusal, Closing, PolicyChange, LegalProcess, RecipientNotice, RecipientList }

public static class TemplatePurposes
{
    /// <summary>The notices of PrivacyDesk's own workflows (policy changes, legal process, recipients): never offered as a reply.</summary>
    public static bool IsNotice(this TemplatePurpose p) => p is TemplatePurpose.PolicyChange or TemplatePurpose.LegalProcess or TemplatePurpose.RecipientNotice or TemplatePurpose.RecipientList;
}

/// <summary>
/// A reply template (Handlebars) in one language, optionally for one request type. Installation-wide:
/// the merchant's own name and officer come in through placeholders.
/// </summary>
public class ReplyTemplate : Data.IVersioned
{
    public int Id { get; set; }
    public TemplatePurpose Purpose { get; set; }

    /// <summary>Null: for every type.</summary>
    public RequestType? RequestType { get; set; }
    public string Language { get; set; } = "en";

    /// <summary>Null: for every regime; set: this regime's own wording, preferred over the general one (France's French is not Quebec's).</summary>
    public Deadlines.Jurisdiction? Jurisdiction { get; set; }
    public required string Name { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
}

public static class TemplatePick
{
    /// <summary>
    /// The templates that fit a request: its language, its types or any type, its regime or any; where
    /// a regime has its own wording of a template, the general one is left out.
    /// </summary>
    public static List<ReplyTemplate> For(IEnumerable<ReplyTemplate> templates, PrivacyRequest r)
    {
        var types = r.Types.Cast<RequestType?>().ToList();
        return templates
            .Where(t => !t.Purpose.IsNotice())
            .Where(t => t.Language == r.Language && (t.RequestType is null || types.Contains(t.RequestType)) && (t.Jurisdiction is null || t.Jurisdiction == r.Jurisdiction))
            // An extension notice only for a request that was extended: its new date is the letter's point.
            .Where(t => t.Purpose != TemplatePurpose.ExtensionNotice || r.ExtendedDue is not null)
            .GroupBy(t => (t.Purpose, t.RequestType))
            .SelectMany(g => g.Any(t => t.Jurisdiction is not null) ? g.Where(t => t.Jurisdiction is not null) : g)
            .OrderBy(t => t.Purpose).ThenBy(t => t.RequestType).ToList();
    }

    /// <summary>The one template for a purpose (and type), in the request's language and regime.</summary>
    public static ReplyTemplate? One(IEnumerable<ReplyTemplate> templates, PrivacyRequest r, TemplatePurpose purpose, RequestType? type = null) =>
        For(templates, r).FirstOrDefault(t => t.Purpose == purpose && (type is null || t.RequestType == type));
}
