using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Notices;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Notices;

/// <summary>
/// Seed 004: "we will take reasonable steps to notify you in the event that we are required to provide your personal
/// information to third parties as part of legal process". Logging such a disclosure opens a task until the person is
/// told (by email, in their language, through aiosmtpd) or the officer records the order that forbids it.
/// </summary>
public sealed class LegalProcessNoticeTests
{
    /// <summary>Today in Quebec, the test merchant's time zone: the orders and their expiry are counted in its days.</summary>
    private static DateTime Today => PrivacyDesk.Features.Requests.Deadlines.JurisdictionCodes.LocalDate(DateTimeOffset.UtcNow, "CA", "QC").ToDateTime(TimeOnly.MinValue);

    private static DisclosureInput Subpoena(bool legal = true) => new()
    {
        Date = Today.AddDays(-2), Recipient = "Service de police de la Ville de Montréal", Categories = "Nom, adresse courriel, commandes de 2026",
        Purpose = "Ordonnance de communication no 500-26-123456-261", Country = "CA", LegalProcess = legal,
    };

    [Theory]
    [InlineData("fr", "Nous vous informons que le", "en vertu d’une obligation légale", "Service de police de la Ville de Montréal")]
    [InlineData("en", "we were legally required to provide some of your personal information to", "as part of legal process", "Service de police de la Ville de Montréal")]
    public async Task A_legal_process_disclosure_opens_a_task_until_the_person_is_told_in_their_language(string language, string opening, string why, string recipient)
    {
        await using var f = await NoticeFixture.StartAsync();
        var customer = await f.AddCustomerAsync("MT-1", language == "fr" ? "Hélène" : "John", "Tremblay", language, "person@example.ca", gender: language == "fr" ? "F" : "M");
        await using var scope = f.Host.ActAs(f.Officer);
        var notices = scope.ServiceProvider.GetRequiredService<LegalProcessNotices>();

        // The form's bad input comes back on its field.
        var bad = await notices.LogAsync(customer, new DisclosureInput { Recipient = "", Categories = "x", Purpose = "y", Country = "CA" });
        Assert.Equal("recipient", bad.Field);
        Assert.Equal("country", (await notices.LogAsync(customer, new DisclosureInput { Recipient = "r", Categories = "x", Purpose = "y", Country = "Canada" })).Field);

        Assert.True((await notices.LogAsync(customer, Subpoena())).Ok);
        Assert.True((await notices.LogAsync(customer, Subpoena(legal: false))).Ok); // an ordinary disclosure asks for no notice
        var task = Assert.Single(await notices.OpenTasksAsync());
        Assert.Equal(customer, task.CustomerId);

        Assert.True((await notices.SendAsync(task.DisclosureId)).Ok, "send");
        Assert.False((await notices.SendAsync(task.DisclosureId)).Ok); // a second click sends nothing
        Assert.Empty(await notices.OpenTasksAsync());
        Assert.Equal(1, await f.SendOutboxAsync());

        var mail = Assert.Single(f.Received());
        var text = NoticeFixture.Text(mail);
        Assert.Contains(opening, text);
        Assert.Contains(why, text);
        Assert.Contains(recipient, text);
        Assert.Contains("Nom, adresse courriel, commandes de 2026", text);
        Assert.DoesNotContain(language == "fr" ? "legal process" : "obligation légale", text);
        await using var db = f.Host.SystemDb();
        var d = await db.Disclosures.SingleAsync(x => x.Id == task.DisclosureId);
        Assert.Equal(PersonNotice.Sent, d.Notice);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "disclosure.notice-sent"));
    }

    [Fact]
    public async Task An_order_forbidding_notice_is_recorded_and_the_task_returns_when_it_expires()
    {
        await using var f = await NoticeFixture.StartAsync();
        var customer = await f.AddCustomerAsync("MT-1", "Hélène", "Tremblay", "fr", "helene@example.ca");
        var other = await f.AddCustomerAsync("MT-2", "Marc", "Roy", "fr", "marc@example.ca");
        await using var scope = f.Host.ActAs(f.Officer);
        var notices = scope.ServiceProvider.GetRequiredService<LegalProcessNotices>();
        Assert.True((await notices.LogAsync(customer, Subpoena())).Ok);
        Assert.True((await notices.LogAsync(other, Subpoena())).Ok);
        var tasks = await notices.OpenTasksAsync();
        var first = tasks.Single(t => t.CustomerId == customer);
        var second = tasks.Single(t => t.CustomerId == other);

        Assert.Equal("order", (await notices.WithholdAsync(first.DisclosureId, " ", Today, Today.AddDays(90))).Field);
        Assert.Equal("until", (await notices.WithholdAsync(first.DisclosureId, "Ordonnance de non-divulgation", Today, Today.AddDays(-3))).Field);
        Assert.True((await notices.WithholdAsync(first.DisclosureId, "Ordonnance de non-divulgation, C. cr., art. 487.0191", Today.AddDays(-2), Today.AddDays(90))).Ok);
        // An order that has already ended: the notice is owed again, and says so.
        Assert.True((await notices.WithholdAsync(second.DisclosureId, "Ordonnance de non-divulgation", Today.AddDays(-60), Today.AddDays(-1))).Ok);

        var open = Assert.Single(await notices.OpenTasksAsync());
        Assert.Equal(other, open.CustomerId);
        Assert.Equal(DateOnly.FromDateTime(Today.AddDays(-1)), open.WithheldUntil);
        // While an order is in force, the notice cannot be sent.
        Assert.Contains("forbids telling the person until", (await notices.SendAsync(first.DisclosureId)).Error);
        Assert.Equal(0, await f.SendOutboxAsync());

        // Only officers: a support rep's scope is refused.
        var rep = await f.Host.CreateUserAsync("rep@mtr.example", [Roles.SupportRep], f.Merchant.Id);
        await using var repScope = f.Host.ActAs(rep);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => repScope.ServiceProvider.GetRequiredService<LegalProcessNotices>().SendAsync(open.DisclosureId));
        Assert.Empty(await repScope.ServiceProvider.GetRequiredService<LegalProcessNotices>().OpenTasksAsync());
    }
}
