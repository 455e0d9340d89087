using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Notices;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Notices;

/// <summary>
/// A policy change told to the merchant's customers (seed 000 s. 12, seed 004's thirty days, seed 002's consent): the
/// version, the refusals, the campaign through the outbox to aiosmtpd in each person's language, stop and resume with
/// true counts, a bounce tied back to its person, and the per-person record on the customer's profile.
/// </summary>
public sealed class PolicyCampaignTests
{
    private static DateTime InDays(int days) => DateTime.Today.AddDays(days);

    private static async Task<int> VersionAsync(NoticeFixture f, string label, int effectiveInDays, int noticeDays = 30, bool french = true, bool english = true, bool lowers = false)
    {
        await using var scope = f.Host.ActAs(f.Officer);
        var saved = await scope.ServiceProvider.GetRequiredService<PolicyService>().SaveAsync(null, null, new PolicyInput
        {
            MerchantId = f.Merchant.Id, Label = label, EffectiveOn = InDays(effectiveInDays), NoticeDays = noticeDays, Substantial = true, LowersProtection = lowers,
            SummaryFr = french ? "Nous conserverons vos commandes 7 ans au lieu de 6." : null,
            SummaryEn = english ? "We will keep your orders for 7 years instead of 6." : null,
        });
        Assert.True(saved.Ok, saved.Error);
        return saved.Id!.Value;
    }

    private static async Task<T> AsOfficerAsync<T>(NoticeFixture f, Func<CampaignService, Task<T>> act)
    {
        await using var scope = f.Host.ActAs(f.Officer);
        return await act(scope.ServiceProvider.GetRequiredService<CampaignService>());
    }

    private static Task<int> DispatchAsync(NoticeFixture f) => f.Host.Services.GetRequiredService<CampaignDispatcher>().DispatchAsync(CancellationToken.None);

    [Fact]
    public async Task Each_account_holder_is_told_once_in_their_own_language_and_the_record_is_on_their_profile()
    {
        await using var f = await NoticeFixture.StartAsync();
        var helene = await f.AddCustomerAsync("MT-1", "Hélène", "Tremblay", "fr", "helene@example.ca", gender: "F");
        await f.AddCustomerAsync("MT-2", "John", "Smith", "en", "john@example.com", gender: "M");
        await f.AddCustomerAsync("MT-3", "Luc", "Closed", "fr", "luc@example.ca", CustomerStatus.Deactivated);
        await f.AddCustomerAsync("MT-4", "Nomail", "Person", "fr", null);
        var version = await VersionAsync(f, "2027-01", effectiveInDays: 45);

        var preview = await AsOfficerAsync(f, c => c.PreviewAsync(version, CampaignAudience.AccountHolders));
        Assert.True(preview.CanStart, string.Join(" ", preview.Problems));
        Assert.Equal(2, preview.Total);
        Assert.Equal(1, preview.ByLanguage["fr"]);
        Assert.Equal(1, preview.ByLanguage["en"]);
        // Every customer with an email: the closed account too, never the one without an address.
        Assert.Equal(3, (await AsOfficerAsync(f, c => c.PreviewAsync(version, CampaignAudience.AllCustomersWithEmail))).Total);

        var started = await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, messagesPerMinute: 0));
        Assert.True(started.Ok, started.Error);
        // A second click does not start a second campaign.
        var again = await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0));
        Assert.False(again.Ok);
        Assert.Contains("already", again.Error);

        Assert.Equal(2, await DispatchAsync(f));
        Assert.Equal(0, await DispatchAsync(f)); // nothing handed twice
        Assert.Equal(2, await f.SendOutboxAsync());
        await DispatchAsync(f); // the pass that finds nothing left completes it

        var mail = f.Received();
        Assert.Equal(2, mail.Count);
        var fr = mail.Single(m => m.To.Mailboxes.Single().Address == "helene@example.ca");
        Assert.Equal("Maison Tremblay : modification de notre politique de confidentialité à compter du " + FrenchDate(InDays(45)), fr.Subject);
        var frText = NoticeFixture.Text(fr);
        Assert.StartsWith("Madame,", frText);
        Assert.Contains("Nous conserverons vos commandes 7 ans au lieu de 6.", frText);
        Assert.DoesNotContain("We will keep", frText);
        Assert.DoesNotContain("consentement", frText); // informs only: the change does not lower protection
        var en = mail.Single(m => m.To.Mailboxes.Single().Address == "john@example.com");
        var enText = NoticeFixture.Text(en);
        Assert.StartsWith("Dear John Smith,", enText);
        Assert.Contains("We will keep your orders for 7 years instead of 6.", enText);
        Assert.DoesNotContain("Nous conserverons", enText);
        Assert.Contains("Julie Gagnon", enText);

        var progress = (await AsOfficerAsync(f, c => c.ProgressAsync(started.CampaignId!.Value)))!;
        Assert.Equal((2, 0, 0, 0), (progress.Sent, progress.Failed, progress.Bounced, progress.Pending + progress.Queued));
        Assert.Equal(CampaignStatus.Completed, progress.Campaign.Status);

        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var profile = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(helene))!;
            var told = Assert.Single(profile.PolicyNotices!);
            Assert.Equal(("2027-01", "helene@example.ca", RecipientStatus.Sent), (told.PolicyLabel, told.Email, told.Status));
            Assert.NotNull(told.SentAt);
        }
        await using var db = f.Host.SystemDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "campaign.started"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "campaign.completed"));
    }

    private static string FrenchDate(DateTime d) => d.Day == 1
        ? "1er " + d.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-CA"))
        : d.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-CA"));

    [Fact]
    public async Task A_campaign_that_cannot_keep_the_policys_promise_is_refused_with_the_reason()
    {
        await using var f = await NoticeFixture.StartAsync();
        // Nobody yet: an empty audience.
        var lonely = await VersionAsync(f, "empty", 60);
        var empty = await AsOfficerAsync(f, c => c.StartAsync(lonely, CampaignAudience.AccountHolders, 0));
        Assert.False(empty.Ok);
        Assert.Contains("Nobody to tell", empty.Error);

        await f.AddCustomerAsync("MT-1", "John", "Smith", "en", "john@example.com");
        // No English summary while an English reader is in the audience.
        var frenchOnly = await VersionAsync(f, "fr-only", 60, english: false);
        var noText = await AsOfficerAsync(f, c => c.PreviewAsync(frenchOnly, CampaignAudience.AccountHolders));
        Assert.Contains(noText.Problems, p => p.Contains("1 customer reads English"));
        // In force already.
        var past = await VersionAsync(f, "past", -1);
        Assert.Contains((await AsOfficerAsync(f, c => c.PreviewAsync(past, CampaignAudience.AccountHolders))).Problems, p => p.Contains("took effect on"));
        // Seed 004: thirty days' notice, and the change is in ten.
        var soon = await VersionAsync(f, "soon", 10, noticeDays: 30);
        var tooShort = await AsOfficerAsync(f, c => c.StartAsync(soon, CampaignAudience.AccountHolders, 0));
        Assert.False(tooShort.Ok);
        Assert.Contains("promises 30 days' notice", tooShort.Error);
        // The same rule in French for a French-speaking officer.
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("fr-CA");
        try { Assert.Contains("préavis de 30 jours", (await AsOfficerAsync(f, c => c.StartAsync(soon, CampaignAudience.AccountHolders, 0))).Error); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = before; }

        await using var db = f.Host.SystemDb();
        Assert.Equal(0, await db.NoticeCampaigns.CountAsync());
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task Stopping_halfway_leaves_a_true_count_and_resuming_tells_the_rest_once()
    {
        await using var f = await NoticeFixture.StartAsync("CA", "QC", "Notices:BatchSize=2");
        for (var i = 1; i <= 5; i++) await f.AddCustomerAsync($"MT-{i}", $"Client{i}", "Test", i % 2 == 0 ? "en" : "fr", $"client{i}@example.ca");
        var version = await VersionAsync(f, "2027-02", 40);
        var id = (await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0))).CampaignId!.Value;

        Assert.Equal(2, await DispatchAsync(f));
        Assert.Equal(2, await f.SendOutboxAsync());
        Assert.Equal(2, await DispatchAsync(f)); // two more in the outbox, not sent yet
        var stopped = await AsOfficerAsync(f, c => c.StopAsync(id));
        Assert.True(stopped.Ok, stopped.Error);
        Assert.Equal(0, await f.SendOutboxAsync()); // what was queued was taken back
        Assert.Equal(0, await DispatchAsync(f));
        var p = (await AsOfficerAsync(f, c => c.ProgressAsync(id)))!;
        Assert.Equal((2, 2, 1), (p.Sent, p.Cancelled, p.Pending));
        Assert.Equal(CampaignStatus.Stopped, p.Campaign.Status);
        Assert.Equal(2, f.Received().Count);

        Assert.True((await AsOfficerAsync(f, c => c.ResumeAsync(id))).Ok);
        while (await DispatchAsync(f) > 0) await f.SendOutboxAsync();
        var done = (await AsOfficerAsync(f, c => c.ProgressAsync(id)))!;
        Assert.Equal((5, 0, 0), (done.Sent, done.Cancelled, done.Pending + done.Queued));
        Assert.Equal(CampaignStatus.Completed, done.Campaign.Status);
        // Each person exactly once.
        var addresses = f.Received().Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(5, addresses.Distinct().Count());
        Assert.Equal(5, addresses.Count);
    }

    [Fact]
    public async Task The_dispatcher_hands_over_no_more_than_the_rate_allows()
    {
        var c = new NoticeCampaign { MessagesPerMinute = 120, LastDispatchAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z") };
        Assert.Equal(10, CampaignDispatcher.Allowance(c, DateTimeOffset.Parse("2026-12-01T10:00:05Z"), 500)); // 5 s at 2/s
        Assert.Equal(120, CampaignDispatcher.Allowance(c, DateTimeOffset.Parse("2026-12-01T11:00:00Z"), 500)); // at most a minute's worth after a pause
        Assert.Equal(50, CampaignDispatcher.Allowance(c, DateTimeOffset.Parse("2026-12-01T11:00:00Z"), 50)); // never more than a batch
        Assert.Equal(500, CampaignDispatcher.Allowance(new NoticeCampaign { MessagesPerMinute = 0 }, DateTimeOffset.UtcNow, 500)); // no throttle
    }

    [Fact]
    public async Task A_bounce_comes_back_through_intake_and_is_counted_on_the_campaign_and_the_person()
    {
        await using var f = await NoticeFixture.StartAsync();
        await f.AddCustomerAsync("MT-1", "Hélène", "Tremblay", "fr", "helene@example.ca");
        var gone = await f.AddCustomerAsync("MT-2", "Gone", "Away", "en", "gone@nowhere.example");
        var version = await VersionAsync(f, "2027-03", 40);
        var id = (await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0))).CampaignId!.Value;
        await DispatchAsync(f);
        await f.SendOutboxAsync();
        var sent = f.Received().Single(m => m.To.Mailboxes.Single().Address == "gone@nowhere.example");

        // A delivery status notification as Postfix writes it (RFC 3464), quoting the original's headers.
        var dsn = $"""
            From: MAILER-DAEMON@mx.nowhere.example
            To: vie.privee@mtr.example
            Subject: Undelivered Mail Returned to Sender
            Auto-Submitted: auto-replied
            Message-ID: <dsn-1@mx.nowhere.example>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain

            I'm sorry to have to inform you that your message could not be delivered.

            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.nowhere.example

            Final-Recipient: rfc822; gone@nowhere.example
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <gone@nowhere.example>: Recipient address rejected: User unknown

            --b1
            Content-Type: text/rfc822-headers

            Message-ID: <{sent.MessageId}>
            To: gone@nowhere.example
            Subject: {sent.Subject}

            --b1--
            """.Replace("\n", "\r\n");
        var result = await f.Host.Services.GetRequiredService<MailIntake>().IngestAsync(f.Merchant.Id, Encoding.UTF8.GetBytes(dsn), "test", null, AuditActor.System);
        Assert.Null(result.RequestId); // not a request
        Assert.Equal(InboundStatus.Quarantined, result.Status);

        var p = (await AsOfficerAsync(f, c => c.ProgressAsync(id)))!;
        Assert.Equal((1, 1), (p.Sent, p.Bounced));
        await using var db = f.Host.SystemDb();
        var record = await db.CampaignRecipients.SingleAsync(r => r.CustomerId == gone);
        Assert.Equal(RecipientStatus.Bounced, record.Status);
        Assert.Contains("User unknown", record.Error);
        var held = await db.InboundMessages.SingleAsync(m => m.Id == result.InboundId);
        Assert.StartsWith(nameof(QuarantineCode.NoticeBounced), held.QuarantineReason);
    }

    [Fact]
    public async Task A_change_that_lowers_protection_asks_for_consent_and_records_it_as_pending()
    {
        await using var f = await NoticeFixture.StartAsync();
        var customer = await f.AddCustomerAsync("MT-1", "Hélène", "Tremblay", "fr", "helene@example.ca", gender: "F");
        var version = await VersionAsync(f, "2027-04", 40, lowers: true);
        var id = (await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0))).CampaignId!.Value;
        await DispatchAsync(f);
        await f.SendOutboxAsync();
        var text = NoticeFixture.Text(f.Received().Single());
        Assert.Contains("Ces modifications réduisent la protection de vos renseignements personnels", text);
        Assert.Contains("sans votre consentement", text);
        await using var db = f.Host.SystemDb();
        Assert.Equal(ConsentAnswer.Pending, (await db.CampaignRecipients.SingleAsync(r => r.CustomerId == customer)).Consent);
        Assert.Equal(CampaignStatus.Sending, (await db.NoticeCampaigns.SingleAsync(c => c.Id == id)).Status);
    }
    [Fact]
    public async Task A_requests_mail_goes_before_a_campaigns_backlog()
    {
        await using var f = await NoticeFixture.StartAsync("CA", "QC", "Notices:BatchSize=100");
        for (var i = 1; i <= 60; i++) await f.AddCustomerAsync($"MT-{i}", $"Client{i}", "Test", "fr", $"client{i}@example.ca");
        var version = await VersionAsync(f, "2027-05", 40);
        Assert.True((await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0))).Ok);
        Assert.Equal(60, await DispatchAsync(f));
        // Queued after the sixty notices: a legal-process notice, which must not wait behind them.
        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var legal = scope.ServiceProvider.GetRequiredService<LegalProcessNotices>();
            Assert.True((await legal.LogAsync(await f.AddCustomerAsync("MT-99", "Urgent", "Person", "fr", "urgent@example.ca"), new DisclosureInput
                { Date = DateTime.UtcNow.Date.AddDays(-1), Recipient = "Sûreté du Québec", Categories = "Nom", Purpose = "Mandat", Country = "CA", LegalProcess = true })).Ok);
            Assert.True((await legal.SendAsync((await legal.OpenTasksAsync()).Single().DisclosureId)).Ok);
        }
        Assert.Equal(50, await f.Host.Services.GetRequiredService<PrivacyDesk.Features.Intake.Outbox.OutboxSender>().SendDueAsync(CancellationToken.None)); // one pass
        Assert.Contains(f.Received(), m => m.To.Mailboxes.Single().Address == "urgent@example.ca");
    }
    [Fact]
    public async Task An_erased_person_is_not_written_to_and_another_merchants_officer_cannot_touch_the_campaign()
    {
        await using var f = await NoticeFixture.StartAsync();
        var erased = await f.AddCustomerAsync("MT-1", "Hélène", "Tremblay", "fr", "helene@example.ca");
        await f.AddCustomerAsync("MT-2", "Marc", "Roy", "fr", "marc@example.ca");
        var version = await VersionAsync(f, "2027-06", 40);
        var id = (await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0))).CampaignId!.Value;
        Assert.Equal(2, await DispatchAsync(f));
        await using (var scope = f.Host.ActAs(f.Officer))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<PrivacyDesk.Features.Requests.RequestWorkflow>();
            var request = await workflow.LogAsync(new PrivacyDesk.Features.Requests.NewRequest(f.Merchant.Id, [PrivacyDesk.Features.Requests.RequestType.Erasure],
                PrivacyDesk.Features.Requests.RequestChannel.Phone, "fr", "Hélène Tremblay", "helene@example.ca"));
            request = (await workflow.LinkCustomerAsync(request.Id, request.Version, erased)).Request!;
            var profile = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(erased))!;
            Assert.True((await scope.ServiceProvider.GetRequiredService<CustomerActions>().EraseAsync(erased, profile.Customer.Version, request.Id)).Succeeded);
        }
        Assert.Equal(1, await f.SendOutboxAsync());
        Assert.Equal(["marc@example.ca"], f.Received().Select(m => m.To.Mailboxes.Single().Address).ToArray());

        // Staff of another merchant: the campaign does not exist for them.
        var other = await f.Host.CreateMerchantAsync("autre", "Autre commerce");
        var stranger = await f.Host.CreateUserAsync("dpo@autre.example", [Roles.PrivacyOfficer], other.Id);
        await using (var scope = f.Host.ActAs(stranger))
        {
            var campaigns = scope.ServiceProvider.GetRequiredService<CampaignService>();
            Assert.Null(await campaigns.ProgressAsync(id));
            Assert.False((await campaigns.StopAsync(id)).Ok);
            Assert.Contains("does not exist", (await campaigns.StartAsync(version, CampaignAudience.AccountHolders, 0)).Error);
        }
        Assert.Equal(CampaignStatus.Sending, (await AsOfficerAsync(f, c => c.ProgressAsync(id)))!.Campaign.Status);
    }
    [Fact]
    public async Task A_restarted_node_resumes_the_campaign_where_it_stood_and_tells_nobody_twice()
    {
        await using var f = await NoticeFixture.StartAsync("CA", "QC", "Notices:BatchSize=2");
        for (var i = 1; i <= 5; i++) await f.AddCustomerAsync($"MT-{i}", $"Client{i}", "Test", "fr", $"client{i}@example.ca");
        var version = await VersionAsync(f, "2027-07", 40);
        var id = (await AsOfficerAsync(f, c => c.StartAsync(version, CampaignAudience.AccountHolders, 0))).CampaignId!.Value;
        Assert.Equal(2, await DispatchAsync(f));
        // A new dispatcher, as a restarted process or another node builds it: it knows only what the database says.
        var restarted = ActivatorUtilities.CreateInstance<CampaignDispatcher>(f.Host.Services);
        Assert.Equal(2, await restarted.DispatchAsync(CancellationToken.None));
        Assert.Equal(1, await restarted.DispatchAsync(CancellationToken.None));
        Assert.Equal(0, await restarted.DispatchAsync(CancellationToken.None));
        Assert.Equal(5, await f.SendOutboxAsync());
        await restarted.DispatchAsync(CancellationToken.None);
        var addresses = f.Received().Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(5, addresses.Count);
        Assert.Equal(5, addresses.Distinct().Count());
        Assert.Equal(CampaignStatus.Completed, (await AsOfficerAsync(f, c => c.ProgressAsync(id)))!.Campaign.Status);
    }
}
