using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Playwright;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>
/// Every payload of testdata/corpus/xss arrives by email as a sender name, a subject and a body (text
/// and HTML), and is rendered in Chromium where officers see it: the quarantine list, the request page,
/// the text view and the sanitised HTML view. Nothing may fire (dialog handler) and nothing active may
/// reach the DOM (probe for event-handler attributes, scripts, frames and javascript: URLs).
/// </summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class XssCorpusTests(AppServer app, BrowserFixture browser, ITestOutputHelper output)
{
    private const string Probe = """
        () => {
          const bad = [];
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (a.name.toLowerCase().startsWith('on')) bad.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
              if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(a.name.toLowerCase())
                  && /^\s*(javascript|vbscript|data:text\/html)/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
            }
          }
          for (const s of document.querySelectorAll('script'))
            if (!(s.src && s.src.startsWith(location.origin))) bad.push('SCRIPT ' + s.outerHTML.slice(0, 80));
          for (const e of document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv], link[rel=import]'))
            if (!e.classList.contains('pd-mail-frame') && !(e.tagName === 'BASE' && e.parentElement === document.head && e.getAttribute('href') === '/'))
              bad.push(e.outerHTML.slice(0, 80)); // the app's own <base href="/"> in <head> is not from a message
          return bad;
        }
        """;

    private static string Word(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static List<string> Payloads() =>
        File.ReadAllLines(Path.Combine(RepoPaths.Corpus, "xss", "xss-payload-list.txt")).Where(l => l.Trim().Length > 0).ToList();

    private static string Mbox(IEnumerable<string> messages) =>
        string.Concat(messages.Select(m => "From xss@example.com Sun Nov 22 12:00:00 2026\n" + m.Replace("\r\n", "\n") + "\n"));

    [Fact]
    public async Task Every_payload_as_sender_subject_and_body_renders_inert()
    {
        var payloads = Payloads();
        Assert.True(payloads.Count > 6000, $"{payloads.Count} payloads");
        var page = await browser.NewPageAsync(app.BaseUrl);
        var dialogs = new List<string>();
        page.Dialog += async (_, d) => { dialogs.Add(d.Message); await d.DismissAsync(); };
        await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        var dir = Path.Combine(app.Directory, "xss");
        Directory.CreateDirectory(dir);
        var problems = new List<string>();

        // 1. Sender names and subjects in the quarantine list, 500 per import (automatic mail is quarantined).
        var quarantined = 0;
        foreach (var (chunk, n) in payloads.Chunk(500).Select((c, i) => (c, i)))
        {
            var file = Path.Combine(dir, $"names-{n}.mbox");
            File.WriteAllText(file, Mbox(chunk.Select((p, i) =>
                $"From: {Word(p)} <q{n}-{i}@example.com>\nSubject: {Word(p)}\nMessage-ID: <q{n}-{i}-{Guid.NewGuid():N}@example.com>\n" +
                "Auto-Submitted: auto-generated\nContent-Type: text/plain; charset=utf-8\n\nx")));
            var (code, text) = await app.RunCliAsync("import", "--merchant", "mm-laval", file);
            Assert.True(code == 0, text);
            await page.GotoAsync("/mail");
            await page.WaitForBlazorAsync();
            var rows = page.Locator("[data-testid=quarantined]");
            // The list shows the latest 500: this chunk, topped up by the end of the previous one.
            await Microsoft.Playwright.Assertions.Expect(rows).ToHaveCountAsync(Math.Min(500, quarantined + chunk.Length), new() { Timeout = 30_000 });
            // The payload is shown as text: the first one's visible text is exactly what was sent.
            var shown = await rows.Nth(chunk.Length - 1).Locator("td").Nth(3).InnerTextAsync(); // after the selection box, the time and the sender
            Assert.Equal(chunk[0].Trim(), shown.Trim());
            problems.AddRange((await page.EvaluateAsync<string[]>(Probe)).Select(p => $"quarantine {n}: {p}"));
            quarantined += chunk.Length;
        }

        // 2. Bodies (text and HTML), with a payload as sender name and subject, opened as requests.
        var bodies = payloads.Chunk(700).ToList();
        var bodyFile = Path.Combine(dir, "bodies.mbox");
        File.WriteAllText(bodyFile, Mbox(bodies.Select((chunk, i) =>
            $"From: {Word(chunk[0])} <body{i}@example.com>\nSubject: {Word(chunk[1])}\nMessage-ID: <body{i}-{Guid.NewGuid():N}@example.com>\n" +
            "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n" +
            "--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Please delete my data.\n" + string.Join('\n', chunk)), Base64FormattingOptions.InsertLineBreaks) +
            "\n--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + Convert.ToBase64String(Encoding.UTF8.GetBytes("<p>Please delete my data.</p>\n" + string.Join("\n<hr>\n", chunk)), Base64FormattingOptions.InsertLineBreaks) +
            "\n--b--")));
        var (exit, importOutput) = await app.RunCliAsync("import", "--merchant", "mm-laval", bodyFile);
        Assert.True(exit == 0, importOutput);
        var requestIds = Regex.Matches(importOutput, @"\(request (\d+)\)").Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(bodies.Count, requestIds.Count);

        var parser = new HtmlParser();
        foreach (var (id, chunk) in requestIds.Zip(bodies))
        {
            await page.GotoAsync($"/requests/{id}");
            await page.WaitForBlazorAsync();
            var text = page.Locator("[data-testid=mail-text]").First;
            await text.WaitForAsync();
            Assert.Contains(chunk[^1].Trim(), await text.InnerTextAsync()); // shown, as text
            problems.AddRange((await page.EvaluateAsync<string[]>(Probe)).Select(p => $"request {id} text view: {p}"));

            await page.Locator("[data-testid=mail-message]").First.GetByText(new Regex(@"\(HTML\)")).ClickAsync(); // "Formatted (HTML)" / "Mis en forme (HTML)"
            var frame = page.Locator("iframe[data-testid=mail-html]");
            await frame.WaitForAsync();
            var src = await frame.GetAttributeAsync("src");
            Assert.Equal("allow-popups allow-popups-to-escape-sandbox", await frame.GetAttributeAsync("sandbox"));
            await page.WaitForTimeoutAsync(300); // let the frame load and anything in it try to run
            problems.AddRange((await page.EvaluateAsync<string[]>(Probe)).Select(p => $"request {id} html view: {p}"));

            // The framed document itself, as the server sends it: no active content, and a CSP that forbids scripts anyway.
            var response = await page.Context.APIRequest.GetAsync(app.BaseUrl + "/" + src);
            Assert.Equal(200, response.Status);
            Assert.Contains("default-src 'none'", response.Headers["content-security-policy"]);
            Assert.Contains("sandbox", response.Headers["content-security-policy"]);
            var doc = parser.ParseDocument(await response.TextAsync());
            foreach (var el in doc.All)
            {
                if (el.LocalName is "script" or "iframe" or "object" or "embed" or "form" or "base" or "svg" or "math" or "link" or "meta" && !(el.LocalName == "meta" && el.HasAttribute("charset")))
                    problems.Add($"request {id} framed html: <{el.LocalName}>");
                foreach (var a in el.Attributes)
                    if (a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style"
                        || (a.Name is "href" or "src" && !Regex.IsMatch(a.Value, @"^(https?:|mailto:|/mail/)", RegexOptions.IgnoreCase)))
                        problems.Add($"request {id} framed html: {el.LocalName} {a.Name}={a.Value[..Math.Min(60, a.Value.Length)]}");
            }
        }

        await page.ScreenshotToOutputAsync("xss-request-html-view");
        output.WriteLine($"{payloads.Count} payloads: {quarantined} as sender name and subject in the quarantine, {requestIds.Count} requests carrying all of them as bodies; {dialogs.Count} dialogs, {problems.Count} DOM problems.");
        Assert.True(dialogs.Count == 0, "Dialogs fired: " + string.Join(" | ", dialogs.Take(10)));
        Assert.True(problems.Count == 0, "Active content reached the page:\n" + string.Join("\n", problems.Take(30)));
    }
}
