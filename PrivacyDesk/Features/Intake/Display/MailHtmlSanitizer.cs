using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace PrivacyDesk.Features.Intake.Display;

/// <summary>The sanitised HTML and what was taken out, for the "images blocked" bar.</summary>
public sealed record SanitizedHtml(string Html, int BlockedImages, int RemovedElements);

/// <summary>
/// HTML mail made safe to show, with HtmlSanitizer (the field's own library, on the same HTML5
/// parser a browser uses) configured for mail rather than for a comment box: formatting elements and
/// a few attributes only, no forms or their controls (a phishing form inside a letter), no styles,
/// scripts, frames or event handlers, links to http(s) and mailto only. Two things are mail's own and
/// stay ours: remote images are blocked until an officer allows them (they are tracking beacons), and
/// cid: images point at the message's own parts. The result is shown in a sandboxed iframe under a
/// strict CSP (MailEndpoints) as a second wall.
/// </summary>
public static class MailHtmlSanitizer
{
    private static readonly string[] Tags =
    [
        "a", "abbr", "b", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt",
        "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "q", "s", "small", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul",
    ];

    private static readonly string[] Attributes =
    [
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "align", "valign", "border", "cellpadding",
        "cellspacing", "color", "face", "size", "dir", "lang", "start", "type", "bgcolor",
    ];

    // Removed with everything inside them (HtmlSanitizer would keep their text, which is code or chrome, not words for a reader).
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template", "svg", "math", "form",
        "input", "button", "select", "textarea", "option", "link", "meta", "base", "title", "head", "audio", "video", "source",
        "track", "canvas", "portal", "dialog", "slot", "xml", "noembed", "noframes", "plaintext", "xmp", "marquee", "blink",
    };

    public static SanitizedHtml Sanitize(string html, bool allowRemoteImages, Func<string, string?> resolveContentId)
    {
        int blocked = 0, removed = 0;
        var prepared = WithoutDroppedElements(html, ref removed);

        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            // cid: stays for the post-processing below to resolve; everything else that is not a web or mail link goes.
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "cid"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
        })
        {
            KeepChildNodes = true, // an unknown element is unwrapped: its text stays
        };
        sanitizer.RemovingTag += (_, _) => removed++;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement element) return;
            if (element.LocalName == "a") Link(element);
            else if (element.LocalName == "img") Image(element, ref blocked);
        };
        return new SanitizedHtml(sanitizer.Sanitize(prepared), blocked, removed);

        void Image(IElement img, ref int blockedImages)
        {
            var src = (img.GetAttribute("src") ?? "").Trim();
            img.RemoveAttribute("src");
            // RFC 2392: a cid: URL is percent-encoded ("cid:logo%40example.com" names <logo@example.com>).
            if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase) && resolveContentId(Uri.UnescapeDataString(src[4..]).Trim('<', '>')) is { } local)
                img.SetAttribute("src", local);
            else if (IsHttp(src) && allowRemoteImages)
                img.SetAttribute("src", src);
            else if (src.Length > 0)
            {
                blockedImages++;
                img.SetAttribute("alt", "[image]");
            }
        }
    }

    private static string WithoutDroppedElements(string html, ref int removed)
    {
        var body = new HtmlParser().ParseDocument(html).Body;
        if (body is null) return "";
        foreach (var element in body.QuerySelectorAll("*").ToList())
        {
            if (element.Parent is null) continue; // inside one already removed
            if (Dropped.Contains(element.LocalName) || element.NamespaceUri != NamespaceNames.HtmlUri)
            {
                element.Remove();
                removed++;
            }
        }
        return body.InnerHtml;
    }

    private static void Link(IElement a)
    {
        var href = a.GetAttribute("href");
        if (href is not null)
        {
            if (SafeLink(href) is { } safe) a.SetAttribute("href", safe);
            else a.RemoveAttribute("href");
        }
        a.SetAttribute("rel", "noopener noreferrer nofollow");
        a.SetAttribute("target", "_blank");
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
