namespace PrivacyDesk.Features.Intake.Mime;

/// <summary>
/// Picks the body a mail client would show for a text format ("plain" or "html"): in
/// multipart/alternative the most faithful (last) match, in multipart/related the root, in other
/// multiparts the first inline text part; attached messages are not entered.
/// </summary>
internal static class BodySelector
{
    public static MimeEntity? Find(MimeEntity entity, string subtype)
    {
        if (!entity.IsMultipart)
            return IsText(entity, subtype) && !entity.IsAttachment ? entity : null;
        return entity.ContentType.SubType switch
        {
            "alternative" => FromAlternative(entity, subtype),
            "related" => FromRelated(entity, subtype),
            _ => FromMixed(entity, subtype),
        };
    }

    private static MimeEntity? FromAlternative(MimeEntity alternative, string subtype)
    {
        for (var i = alternative.Children.Count - 1; i >= 0; i--)
        {
            var child = alternative.Children[i];
            if (child.IsMultipart)
            {
                if (Find(child, subtype) is { } found) return found;
                continue;
            }
            if (IsText(child, subtype)) return child;
        }
        return null;
    }

    private static MimeEntity? FromRelated(MimeEntity related, string subtype)
    {
        var root = RootOf(related);
        return root is null ? null : Find(root, subtype);
    }

    private static MimeEntity? FromMixed(MimeEntity mixed, string subtype)
    {
        foreach (var child in mixed.Children)
        {
            if (child.IsMultipart)
            {
                if (child.ContentType.SubType is "alternative" or "related") return Find(child, subtype);
                if (Find(child, subtype) is { } nested) return nested;
                continue;
            }
            if (child.IsAttachment || child.Message is not null) continue;
            // The first inline text part is the body; a later one of the other format is content, not the body.
            if (child.ContentType.MediaType == "text") return IsText(child, subtype) ? child : null;
        }
        return null;
    }

    /// <summary>The root of multipart/related: the part named by "start", else the first of the declared "type", else the first.</summary>
    private static MimeEntity? RootOf(MimeEntity related)
    {
        if (related.Children.Count == 0) return null;
        var start = related.ContentType.Header["start"]?.Trim().Trim('<', '>');
        if (start is not null)
            foreach (var c in related.Children)
                if (string.Equals(c.ContentId, start, StringComparison.Ordinal)) return c;
        if (related.ContentType.Header["type"]?.Trim().ToLowerInvariant() is { Length: > 0 } type)
            return related.Children.FirstOrDefault(c => c.ContentType.MimeType == type);
        return related.Children[0];
    }

    private static bool IsText(MimeEntity e, string subtype) =>
        e.Message is null && e.ContentType.MediaType == "text" && e.ContentType.SubType == subtype;
}
