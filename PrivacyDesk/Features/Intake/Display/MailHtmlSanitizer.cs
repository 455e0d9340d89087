using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace PrivacyDesk.Features.Intake.Display;

/// <summary>The sanitised HTML and what was taken out, for the "images blocked" bar.</summary>
public sealed record SanitizedHtml(string Html, int BlockedImages, int RemovedElements);

/// <summary>
/// An allow-list sanitiser for HTML mail on AngleSharp (the same HTML5 parser a browser uses, so
/// what we check is what the browser will see). Only formatting elements and a few attributes stay;
/// scripts, styles, forms, frames, event handlers and javascript:/data: links go; remote images are
/// blocked until an officer allows them (they are tracking beacons); cid: images point at the
/// message's own parts. The result is shown in a sandboxed iframe under a strict CSP as a second wall.
/// </summary>
public static class MailHtmlSanitizer
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt",
        "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul",
    };

    // Removed with everything inside them: their content is code or chrome, not text for a reader.
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template", "svg", "math", "form",
        "input", "button", "select", "textarea", "option", "link", "meta", "base", "title", "head", "audio", "video", "source",
        "track", "canvas", "portal", "dialog", "slot", "xml", "noembed", "noframes", "plaintext", "xmp", "marquee", "blink",
    };

    private static readonly HashSet<string> AllowedAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "border", "cellpadding",
        "cellspacing", "color", "face", "size", "dir", "lang", "start", "type", "bgcolor",
    };

    public static SanitizedHtml Sanitize(string html, bool allowRemoteImages, Func<string, string?> resolveContentId)
    {
        var document = new HtmlParser().ParseDocument(html);
        var body = document.Body;
        if (body is null) return new SanitizedHtml("", 0, 0);
        int blocked = 0, removed = 0;
        Clean(body);
        return new SanitizedHtml(body.InnerHtml, blocked, removed);

        void Clean(IElement element)
        {
            foreach (var child in element.Children.ToList())
            {
                var name = child.LocalName;
                if (Dropped.Contains(name) || child.NamespaceUri != AngleSharp.Dom.NamespaceNames.HtmlUri)
                {
                    child.Remove();
                    removed++;
                    continue;
                }
                Clean(child);
                if (!Allowed.Contains(name))
                {
                    // Unknown elements are unwrapped: their text stays, the element goes.
                    foreach (var grand in child.ChildNodes.ToList()) element.InsertBefore(grand, child);
                    child.Remove();
                    removed++;
                    continue;
                }
                CleanAttributes(child, ref blocked);
            }
        }

        void CleanAttributes(IElement e, ref int blockedImages)
        {
            foreach (var attribute in e.Attributes.ToList())
                if (!AllowedAttributes.Contains(attribute.Name) || (attribute.Name is "href" or "src" && e.LocalName is not ("a" or "img")))
                    e.RemoveAttribute(attribute.Name);
            if (e.LocalName == "a")
            {
                var href = e.GetAttribute("href");
                if (href is not null && SafeLink(href) is not { } safe) e.RemoveAttribute("href");
                else if (href is not null) e.SetAttribute("href", SafeLink(href)!);
                e.SetAttribute("rel", "noopener noreferrer nofollow");
                e.SetAttribute("target", "_blank");
            }
            if (e.LocalName == "img")
            {
                var src = (e.GetAttribute("src") ?? "").Trim();
                e.RemoveAttribute("src");
                if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase) && resolveContentId(src[4..].Trim('<', '>')) is { } local)
                    e.SetAttribute("src", local);
                else if (IsHttp(src) && allowRemoteImages)
                    e.SetAttribute("src", src);
                else if (src.Length > 0)
                {
                    blockedImages++;
                    e.SetAttribute("alt", "[image]");
                }
            }
        }
    }

    /// <summary>http(s) and mailto links only; whitespace and control characters inside the scheme (a classic bypass) are rejected.</summary>
    internal static string? SafeLink(string href)
    {
        var h = href.Trim();
        if (h.Any(char.IsControl)) return null;
        if (h.StartsWith('#')) return null;
        if (IsHttp(h) || h.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) return h;
        return null;
    }

    private static bool IsHttp(string s) =>
        s.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
