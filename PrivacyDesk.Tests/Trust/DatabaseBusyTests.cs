using System.Net;
using Microsoft.Playwright;
using PrivacyDesk.Hosting.Demo;
using PrivacyDesk.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Another program holds the database (a backup, an sqlite3 shell) while staff work: a save says so
/// plainly in the user's language, keeps what was typed, and goes through once the lock is gone; a
/// failure elsewhere (a dialog) is caught by an error boundary and the circuit lives on; an export
/// answers 503 with a reference, never an exception's text.
/// </summary>
[Trait("Category", "Browser")] // Chromium: run on SQLite only (scripts/test.sh)
[Collection(AppServerCollection.Name)]
public sealed class DatabaseBusyTests(AppServer app, BrowserFixture browser)
{
    [Fact]
    public async Task A_save_while_the_database_is_held_says_so_keeps_the_text_and_goes_through_afterwards()
    {
        var reference = await app.PostRequestAsync("mm-laval", """
            {"type": "access", "language": "fr", "requester": {"name": "Odile Verrou", "email": "odile.verrou@example.com"}}
            """);
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await page.OpenRequestAsync(reference);

        const string note = "Note écrite pendant la sauvegarde de la base";
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une note", Exact = true }).ClickAsync();
        var form = page.Locator("[data-testid=action-form]");
        await form.Locator("textarea[name=note]").FillAsync(note);

        await using (await DatabaseLock.HoldAsync(app.DatabasePath))
        {
            await form.Locator("[data-testid=action-submit]").ClickAsync();
            await Expect(page.Locator("[data-testid=action-error]")).ToContainTextAsync("un autre programme occupe la base de données", new() { Timeout = 20_000 });
            await page.ScreenshotToOutputAsync("database-busy");
            // The form is still open with the note as typed, and nothing reached the timeline.
            await Expect(form.Locator("textarea[name=note]")).ToHaveValueAsync(note);
            await Expect(page.Locator("[data-testid=timeline]")).Not.ToContainTextAsync(note);
        }

        await form.Locator("[data-testid=action-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync(note);
        await Expect(page.Locator("[data-testid=action-error]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Logging_a_request_while_the_database_is_held_says_so_keeps_the_form_and_a_double_click_afterwards_logs_one()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("rep@demo.privacydesk.example", app.DemoPassword);
        await page.GotoAsync("/requests/new");
        await page.WaitForBlazorAsync();
        var form = page.Locator("[data-testid=log-form]");
        var name = "Odile Verrou " + Guid.NewGuid().ToString("N")[..6];
        await form.Locator(".mud-checkbox").First.Locator("input[type=checkbox]").CheckAsync();
        await form.Locator("input[name=name]").FillAsync(name);
        await form.Locator("input[name=email]").FillAsync("odile.verrou@example.com");

        await using (await DatabaseLock.HoldAsync(app.DatabasePath))
        {
            await form.Locator("[data-testid=log-submit]").ClickAsync();
            await Expect(form.Locator("[data-testid=log-errors]")).ToContainTextAsync(
                new System.Text.RegularExpressions.Regex("un autre programme occupe la base de données|another program is holding the database"), new() { Timeout = 20_000 });
            // Nothing typed is lost: the caller may still be on the line.
            await Expect(form.Locator("input[name=name]")).ToHaveValueAsync(name);
        }

        // Once the lock is gone, an impatient double click logs the request once.
        await form.Locator("[data-testid=log-submit]").DblClickAsync();
        await Expect(page.Locator("[data-testid=logged]")).ToBeVisibleAsync();
        await page.GotoAsync("/requests?status=all&search=" + Uri.EscapeDataString(name));
        await page.WaitForBlazorAsync();
        await Expect(page.Locator("[data-testid=queue-grid] a.pd-ref")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task A_failure_in_a_dialog_is_shown_over_the_page_and_the_circuit_lives_on()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync(DemoSeeder.AdminEmail, app.DemoPassword);
        await page.GotoAsync("/admin/merchants");
        await page.UseEnglishAsync(); // other tests switch the admin's language; this one reads English
        await page.GetByRole(AriaRole.Button, new() { Name = "New merchant" }).ClickAsync();
        var dialog = page.OpenDialog();
        await dialog.Locator("input[name=Name]").FillAsync("Quincaillerie Verrou");
        await dialog.Locator("input[name=Slug]").FillAsync("quincaillerie-verrou");
        await using (await DatabaseLock.HoldAsync(app.DatabasePath))
        {
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("[data-testid=page-error]")).ToContainTextAsync("another program is holding the database", new() { Timeout = 20_000 });
            await page.ScreenshotToOutputAsync("database-busy-dialog");
        }
        // The circuit is alive: the menu still navigates, and the merchant was not half-created.
        await page.Locator("[data-testid=page-error-retry]").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Requests" }).First.ClickAsync();
        await Expect(page.Locator("[data-testid=queue-grid]")).ToBeVisibleAsync();
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        var (exit, output) = await app.RunCliAsync("list-merchants");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("quincaillerie-verrou", output);
    }

    [Fact]
    public async Task An_mbox_upload_interrupted_by_the_lock_says_what_is_kept_and_a_second_upload_completes_it()
    {
        var mbox = Path.Combine(app.Directory, "verrou.mbox");
        var tag = Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(mbox, string.Concat(Enumerable.Range(1, 3).Select(i =>
            $"From lock{i}@example.com Mon Nov 16 10:00:00 2026\nFrom: Personne {i} <lock{i}.{tag}@example.com>\nSubject: Accès {tag} {i}\nMessage-ID: <lock{i}.{tag}@example.com>\n\nJe veux une copie de mes données.\n\n")));
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.SignInAsync("officer@demo.privacydesk.example", app.DemoPassword);
        await page.GotoAsync("/mail");
        await page.WaitForBlazorAsync();
        await page.Field("Marchand").ChooseAsync(page, "Millenium Micro Laval");
        await Expect(page.Locator("#mail-file")).ToBeEnabledAsync(); // the choice has reached the server

        await using (await DatabaseLock.HoldAsync(app.DatabasePath))
        {
            await page.Locator("#mail-file").SetInputFilesAsync(mbox);
            await Expect(page.Locator("[role=alert]", new() { HasText = "Le téléversement s'est interrompu" }))
                .ToContainTextAsync("un autre programme occupe la base de données", new() { Timeout = 20_000 });
        }
        await Expect(page.Locator("#mail-file")).ToBeEnabledAsync();
        await page.Locator("#mail-file").SetInputFilesAsync(mbox);
        await Expect(page.Locator("[data-testid=upload-report]")).ToContainTextAsync("3 nouvelles demandes");
        // Once more: all three are known, none is imported twice.
        await Expect(page.Locator("#mail-file")).ToBeEnabledAsync();
        await page.Locator("#mail-file").SetInputFilesAsync(mbox);
        await Expect(page.Locator("[data-testid=upload-report]")).ToContainTextAsync("3 déjà importés");
    }

    [Fact]
    public async Task An_export_while_the_database_is_held_answers_503_in_both_languages_with_a_reference()
    {
        using var http = await StaffHttp.SignInAsync(app.BaseUrl, "manager@demo.privacydesk.example", app.DemoPassword);
        HttpResponseMessage response;
        await using (await DatabaseLock.HoldAsync(app.DatabasePath))
            // The export is audited before it is sent: no audit record, no export.
            response = await http.Client.GetAsync("/reports/export?format=csv&from=2026-01-01&to=2026-12-31");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Nothing was saved", body);
        Assert.Contains("Rien n'a été enregistré", System.Net.WebUtility.HtmlDecode(body));
        Assert.Matches("data-testid=\"error-reference\">[0-9a-f]{32}<", body);
        Assert.DoesNotContain("SQLite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body);

        var after = await http.Client.GetAsync("/reports/export?format=csv&from=2026-01-01&to=2026-12-31");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
