using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust.Security;

/// <summary>
/// New staff and password resets go by an emailed set-password link: nobody, the administrator
/// included, ever learns the password, and the link works once, for that account only.
/// </summary>
public sealed partial class InvitationTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42";
    private InProcessApp _app = null!;
    private string _adminId = "";
    private int _merchant;

    public async ValueTask InitializeAsync()
    {
        _app = await InProcessApp.StartAsync([]);
        _merchant = (await _app.CreateMerchantAsync("laval", "Meubles Laval")).Id;
        _adminId = await _app.CreateStaffAsync("admin@laval.example", Password, [Roles.Admin]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Uri Base => new(_app.HttpUrl + "/");

    private async Task<UserResult> InviteAsync(string email, string culture)
    {
        await using var scope = _app.ActAs(_adminId);
        return await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateByAdminAsync(new StaffUserInput(email, "Julie Roy", culture, [Roles.SupportRep], [_merchant]), Base);
    }

    private MimeMessage MailTo(string email, int nth = 0) =>
        Directory.GetFiles(_app.Outbox, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == email))
            .OrderBy(m => m.Date).ElementAt(nth);

    private static string LinkIn(MimeMessage mail) => Link().Match(mail.TextBody ?? "").Value;

    private HttpClient Browser(CookieContainer? jar = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar ?? new CookieContainer() }) { BaseAddress = new Uri(_app.HttpUrl) };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string link, string password, string repeat)
    {
        var html = await http.GetStringAsync(link);
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        return await http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "set-password", ["__RequestVerificationToken"] = token, ["Input.New"] = password, ["Input.Repeat"] = repeat,
        }));
    }

    [Fact]
    public async Task An_invited_user_chooses_a_password_through_the_emailed_link_which_then_stops_working()
    {
        var invited = await InviteAsync("julie.roy@laval.example", Cultures.French);
        Assert.True(invited.Succeeded, string.Join(" ", invited.Errors));
        Assert.True(invited.Invitation!.Sent);

        // The email, in her language, carries the link and says how long it lasts.
        var mail = MailTo("julie.roy@laval.example");
        Assert.Equal("Votre compte PrivacyDesk : choisissez votre mot de passe", mail.Subject);
        Assert.Contains("Bonjour Julie Roy,", mail.TextBody);
        Assert.Contains("pendant 7 jours", mail.TextBody);
        var link = LinkIn(mail);
        Assert.StartsWith(_app.HttpUrl + "/account/set-password?user=", link);
        Assert.Equal(invited.Invitation.Link, link);

        // Until she chooses one, the account has no password at all.
        await using (var scope = _app.ActAs(_adminId))
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().ListAsync()).Single(u => u.Email == "julie.roy@laval.example").AwaitsPassword);
        await Assert.ThrowsAsync<InvalidOperationException>(() => StaffHttp.SignInAsync(_app.HttpUrl, "julie.roy@laval.example", ""));

        // Opened from the email in a browser with no language chosen: the page speaks hers.
        var jar = new CookieContainer();
        using var http = Browser(jar);
        var first = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var page = WebUtility.HtmlDecode(await http.GetStringAsync(link));
        Assert.Contains("Choisissez votre mot de passe", page);
        Assert.Contains("julie.roy@laval.example", page);

        var mismatch = await PostAsync(http, link, "Nouveau-Cheval-42", "Nouveau-Cheval-43");
        Assert.Contains("Les deux mots de passe diffèrent", WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync()));
        var weak = await PostAsync(http, link, "court", "court");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.DoesNotContain("set-password-invalid", await weak.Content.ReadAsStringAsync());

        var saved = await PostAsync(http, link, "Nouveau-Cheval-42", "Nouveau-Cheval-42");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("account/login?passwordSet=true", saved.Headers.Location!.ToString());
        using (await StaffHttp.SignInAsync(_app.HttpUrl, "julie.roy@laval.example", "Nouveau-Cheval-42")) { }

        // Used once: the same link now says it does not work, and sets nothing.
        Assert.Contains("set-password-invalid", await http.GetStringAsync(link));
        await using (var db = _app.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "user.invitation-sent"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "user.password-set"));
        }
    }

    [Fact]
    public async Task A_link_opens_only_its_own_account_and_a_changed_token_opens_nothing()
    {
        await InviteAsync("a@laval.example", Cultures.English);
        await InviteAsync("b@laval.example", Cultures.English);
        var linkA = LinkIn(MailTo("a@laval.example"));
        var linkB = LinkIn(MailTo("b@laval.example"));
        var userB = Regex.Match(linkB, "user=([^&]+)").Groups[1].Value;
        var tokenA = Regex.Match(linkA, "token=([^&]+)").Groups[1].Value;
        using var http = Browser();
        // The same answer for another account's id, a tampered token, an unknown user and no token: nothing tells them apart.
        foreach (var bad in new[] { $"/account/set-password?user={userB}&token={tokenA}", linkA[..^3] + "abc", "/account/set-password?user=nobody&token=" + tokenA, "/account/set-password" })
            Assert.Contains("set-password-invalid", await http.GetStringAsync(bad));
        Assert.DoesNotContain("set-password-invalid", await http.GetStringAsync(linkA));
    }

    [Fact]
    public async Task A_reset_ends_the_old_password_and_sessions_and_a_second_reset_replaces_the_first_link()
    {
        var officer = await _app.CreateStaffAsync("officer@laval.example", Password, [Roles.PrivacyOfficer], _merchant);
        await using (var scope = _app.ActAs(_adminId))
        {
            var admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
            Assert.True((await admin.ResetPasswordAsync(officer, Base)).Invitation!.Sent);
            Assert.True((await admin.ResetPasswordAsync(officer, Base)).Invitation!.Sent);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            Assert.False(await users.HasPasswordAsync((await users.FindByIdAsync(officer))!));
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => StaffHttp.SignInAsync(_app.HttpUrl, "officer@laval.example", Password));
        // Both emails say the password was reset (she had one: no "account created for you" the second time).
        var mails = new[] { MailTo("officer@laval.example", 0), MailTo("officer@laval.example", 1) };
        Assert.All(mails, m => Assert.Equal("PrivacyDesk: choose a new password", m.Subject));
        Assert.All(mails, m => Assert.Contains("Your former password no longer works", m.TextBody));
        // The second link replaced the first: exactly one of them still works (the two emails may carry the same second).
        using var http = Browser();
        var works = new List<bool>();
        foreach (var m in mails) works.Add(!(await http.GetStringAsync(LinkIn(m))).Contains("set-password-invalid"));
        Assert.Equal(1, works.Count(w => w));
    }

    [Fact]
    public async Task A_new_link_for_someone_who_never_chose_a_password_is_the_invitation_again()
    {
        var invited = await InviteAsync("julie.roy@laval.example", Cultures.English);
        await using (var scope = _app.ActAs(_adminId))
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserAdminService>().ResetPasswordAsync(invited.UserId!, Base)).Invitation!.Sent);
        var again = MailTo("julie.roy@laval.example", 1);
        Assert.Equal("Your PrivacyDesk account: choose your password", again.Subject);
        Assert.DoesNotContain("former password", again.TextBody);
    }

    [Fact]
    public async Task When_the_email_cannot_leave_the_admin_gets_the_link_to_pass_on()
    {
        await using var down = await InProcessApp.StartAsync(["Mail:Transport=Smtp", "Mail:SmtpHost=127.0.0.1", $"Mail:SmtpPort={FreePort.Next()}", "Mail:SmtpStartTls=false"]);
        var admin = await down.CreateStaffAsync("admin@down.example", Password, [Roles.Admin]);
        await using var scope = down.ActAs(admin);
        var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
            .CreateByAdminAsync(new StaffUserInput("new@down.example", "New", Cultures.English, [Roles.Admin], []), new Uri(down.HttpUrl + "/"));
        Assert.True(result.Succeeded);
        Assert.False(result.Invitation!.Sent);
        Assert.False(string.IsNullOrEmpty(result.Invitation.Error));
        var token = Uri.UnescapeDataString(Regex.Match(result.Invitation.Link, "token=([^&]+)").Groups[1].Value);
        Assert.NotNull(await scope.ServiceProvider.GetRequiredService<StaffInvitations>().FindValidAsync(result.UserId, token));
        await using var db = down.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "user.invitation-not-sent"));
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex Link();
}
