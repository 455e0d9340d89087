using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using PrivacyDesk.Tests.Trust;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.EndToEnd;

/// <summary>
/// Every page of the app's route table, as each role, in English and French: it renders its heading
/// (or the access-denied page for a role that may not open it), no string is missing, no word of the
/// other language's interface shows, nothing fails in the browser, and axe finds no serious or
/// critical accessibility violation (WCAG 2.1 A and AA rules).
/// </summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed partial class PageTourTests(AppServer app, BrowserFixture browser)
{
    public static TheoryData<string, string> RolesAndLanguages => new()
    {
        { DemoSeeder.AdminEmail, "en-CA" }, { DemoSeeder.AdminEmail, "fr-CA" },
        { "officer@demo.privacydesk.example", "fr-CA" }, { "officer@demo.privacydesk.example", "en-CA" },
        { "rep@demo.privacydesk.example", "fr-CA" }, { "rep@demo.privacydesk.example", "en-CA" },
        { "manager@demo.privacydesk.example", "en-CA" }, { "manager@demo.privacydesk.example", "fr-CA" },
    };

    [Theory]
    [MemberData(nameof(RolesAndLanguages))]
    public async Task Every_page_is_whole_in_its_language_and_accessible(string email, string culture)
    {
        var language = culture[..2];
        var page = await browser.NewPageAsync(app.BaseUrl, culture);
        await page.SetViewportSizeAsync(1280, 800);
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        await page.SignInAsync(email, app.DemoPassword);
        // The switch is saved to the account: it is put back afterwards, for the tests that read this account's own language.
        var own = await page.Locator("html").GetAttributeAsync("lang") == "fr" ? "fr-CA" : "en-CA";
        await page.ClickAsync($"button[name=culture][value={culture}]");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        try
        {
            await TourAsync(page, email, language, errors);
        }
        finally
        {
            await page.GotoAsync("/");
            await page.ClickAsync($"button[name=culture][value={own}]");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", own[..2]);
        }
    }

    private async Task TourAsync(IPage page, string email, string language, List<string> errors)
    {
        var culture = language + "-CA";
        var routes = await PageRoutesAsync();
        var roles = await RolesOfAsync(email);
        var foreign = OtherLanguageStrings(language);
        var problems = new List<string>();

        foreach (var (path, allowed) in routes)
        {
            await page.GotoAsync(path);
            await page.WaitForBlazorAsync();
            var mayOpen = allowed.Count == 0 || allowed.Overlaps(roles);
            var heading = mayOpen ? "h1" : "[data-testid=access-denied]";
            await Expect(page.Locator($"{heading}, [data-testid=page-error]").First).ToBeVisibleAsync();
            if (await page.Locator("[data-testid=page-error]").CountAsync() > 0)
            {
                // The page failed: say why (the app logs the exception's type and message), then go on with the others.
                problems.Add($"{path}: the page failed: " + string.Join(" | ", app.Log.Split('\n').Where(l => l.Contains("Page error")).TakeLast(2)));
                continue;
            }
            await Expect(page.Locator(heading).First).ToBeVisibleAsync();
            // A document for the requester (the printable confirmation) is in the requester's language and says so with lang=.
            var text = await page.EvaluateAsync<string>(
                "lang => { const m = document.querySelector('main').cloneNode(true); m.querySelectorAll('[lang]').forEach(e => { if (!e.lang.startsWith(lang)) e.remove(); }); return m.innerText ?? m.textContent; }", language);
            foreach (Match m in MissingKey().Matches(text)) problems.Add($"{path}: missing string {m.Value}");
            foreach (var s in foreign.Where(s => text.Contains(s, StringComparison.Ordinal))) problems.Add($"{path}: {OtherName(language)} text \"{s}\"");
            if (await page.Locator("#blazor-error-ui").IsVisibleAsync()) problems.Add($"{path}: the error bar is shown");

            var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
            foreach (var v in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
                problems.Add($"{path}: axe {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
            await page.ScreenshotToOutputAsync($"tour-{email.Split('@')[0]}-{culture}{path.Replace('/', '-')}");
        }

        Assert.True(problems.Count == 0, $"{email} in {culture}:\n" + string.Join("\n", problems.Distinct()));
        Assert.True(errors.Count == 0, "Browser errors: " + string.Join(" | ", errors));
    }

    /// <summary>The GET pages of the route table (not the account pages), with a real demo id for each parameter, and the roles each allows.</summary>
    private async Task<IReadOnlyList<(string Path, HashSet<string> Roles)>> PageRoutesAsync()
    {
        var ids = DemoIds();
        var pages = new List<(string, HashSet<string>)>();
        foreach (var e in await RouteTable.LoadAsync())
        {
            if (e.Metadata.GetMetadata<ComponentTypeMetadata>() is null || !RouteTable.Methods(e).Contains("GET")) continue;
            var pattern = RouteTable.Pattern(e);
            // The account pages and the requester portal are not staff pages (the portal's own tests check it, axe included).
            if (pattern.StartsWith("account/", StringComparison.Ordinal) || pattern.StartsWith("portal/", StringComparison.Ordinal) || pattern == "not-found") continue;
            var path = "/" + Regex.Replace(pattern, @"^(\w+)/\{[^}]+\}", m => $"{m.Groups[1].Value}/{ids[m.Groups[1].Value]}");
            var roles = e.Metadata.GetOrderedMetadata<IAuthorizeData>().SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
            pages.Add((path, roles));
        }
        Assert.True(pages.Count >= 15, "The route table lists too few pages: " + pages.Count);
        return pages.OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>A request, customer and incident of the demo's Laval store, which every demo staff member but the French DPO can open.</summary>
    private Dictionary<string, long> DemoIds()
    {
        using var db = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        db.Open();
        long First(string sql) { using var c = db.CreateCommand(); c.CommandText = sql; return Convert.ToInt64(c.ExecuteScalar()); }
        const string laval = "(SELECT Id FROM Merchants WHERE Slug = 'mm-laval')";
        return new()
        {
            ["requests"] = First($"SELECT Id FROM Requests WHERE MerchantId = {laval} ORDER BY Id LIMIT 1"),
            ["customers"] = First($"SELECT Id FROM Customers WHERE MerchantId = {laval} ORDER BY Id LIMIT 1"),
            ["incidents"] = First($"SELECT Id FROM Incidents WHERE MerchantId = {laval} ORDER BY Id LIMIT 1"),
        };
    }

    private async Task<HashSet<string>> RolesOfAsync(string email)
    {
        await using var db = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var c = db.CreateCommand();
        c.CommandText = "SELECT r.Name FROM AspNetRoles r JOIN AspNetUserRoles ur ON ur.RoleId = r.Id JOIN AspNetUsers u ON u.Id = ur.UserId WHERE u.Email = $e";
        c.Parameters.AddWithValue("$e", email);
        var roles = new HashSet<string>();
        await using var reader = await c.ExecuteReaderAsync();
        while (await reader.ReadAsync()) roles.Add(reader.GetString(0));
        return roles;
    }

    /// <summary>
    /// The other language's interface phrases that cannot appear in this one: of three words or
    /// more, without placeholders, and not the same in both languages. (Shorter ones, "Mail", "Type",
    /// are shared words or names and would flag correct pages.)
    /// </summary>
    private static IReadOnlyList<string> OtherLanguageStrings(string language)
    {
        var other = language == "fr" ? "en" : "fr";
        var mine = Load(language);
        return Load(other)
            .Where(kv => !kv.Value.Contains('{') && kv.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3
                         && mine.TryGetValue(kv.Key, out var own) && own != kv.Value)
            .Select(kv => kv.Value.TrimEnd(':', '.', ' ', '…'))
            .Distinct().ToList();
    }

    private static Dictionary<string, string> Load(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Root, "PrivacyDesk", "Resources", $"strings.{language}.json")))!;

    private static string OtherName(string language) => language == "fr" ? "English" : "French";

    [GeneratedRegex(@"\[[A-Z][A-Za-z]+\.[A-Za-z._]+\]")]
    private static partial Regex MissingKey();
}
