namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>One header field; <see cref="Value"/> is unfolded (line breaks removed) but not yet decoded.</summary>
public readonly record struct MimeHeader(string Name, string Value);

/// <summary>The header fields of a message or part, in order, looked up case-insensitively.</summary>
public sealed class MimeHeaders(List<MimeHeader> fields)
{
    public static readonly MimeHeaders Empty = new([]);

    public IReadOnlyList<MimeHeader> Fields => fields;

    public int Count => fields.Count;

    /// <summary>The first field of that name, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var f in fields)
                if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f.Value;
            return null;
        }
    }

    public IEnumerable<string> All(string name) =>
        fields.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);
}
