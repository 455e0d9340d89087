using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Breaches;
using PrivacyDesk.Features.Home;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Home;

/// <summary>The work home page's queries, per role, on a real database of two merchants (Laval, Quebec; Paris, France).</summary>
public sealed class WorkHomeTests
{
    private sealed record World(TestHost Host, int Laval, int Paris, string Officer, string Rep, string Manager, string Admin, string ParisOfficer,
        Dictionary<string, int> Requests, Dictionary<string, int> Incidents);

    /// <summary>
    /// Laval: the officer's overdue (r1), due in two days (r2), due in three weeks (r3), closed though late (r7); the rep's
    /// overdue (r4); two new ones nobody took, one past its acknowledgement date (r5), one not yet (r6); two decided this
    /// month, after 4 and 10 days; one decided long ago. Incidents: one not assessed (i1), one reported and filed (i2), one closed.
    /// Paris: an overdue request assigned to the Laval officer's id, new and unacknowledged (p1); an incident not assessed;
    /// mail in quarantine on both sides, and a failing mailbox in Laval.
    /// </summary>
    private static async Task<World> SeedAsync()
    {
        var host = await TestHost.CreateAsync();
        var laval = await host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        var paris = await host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        var officer = await host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], laval.Id);
        var rep = await host.CreateUserAsync("rep@laval.example", [Roles.SupportRep], laval.Id);
        var manager = await host.CreateUserAsync("manager@laval.example", [Roles.Manager], laval.Id);
        var admin = await host.CreateUserAsync("admin@example.com", [Roles.Admin]);
        var parisOfficer = await host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], paris.Id);

        var now = DateTimeOffset.UtcNow;
        var lavalToday = JurisdictionCodes.LocalDate(now, "CA", "QC");
        var parisToday = JurisdictionCodes.LocalDate(now, "FR", null);
        var intake = host.Services.GetRequiredService<RequestIntake>();
        var requests = new Dictionary<string, int>();
        var incidents = new Dictionary<string, int>();
        await using var db = host.SystemDb();

        async Task<PrivacyRequest> Open(string key, int merchantId, string email)
        {
            var r = await intake.OpenAsync(db, new NewRequest(merchantId, [RequestType.Access], RequestChannel.Email, "fr", "Client " + key, email,
                ReceivedAt: now.AddHours(-1)));
            requests[key] = r.Id;
            return r;
        }
        void Due(PrivacyRequest r, DateOnly due) => (r.LegalDue, r.EffectiveDue) = (due, due);
        void Working(PrivacyRequest r, string? assignee, RequestStatus status = RequestStatus.InProgress)
        {
            r.AssigneeId = assignee;
            r.AssigneeName = assignee is null ? null : "Someone";
            r.Status = status;
            r.AcknowledgedAt = now.AddHours(-1);
        }

        var r1 = await Open("r1", laval.Id, "r1@example.com"); Working(r1, officer); Due(r1, lavalToday.AddDays(-3));
        var r2 = await Open("r2", laval.Id, "r2@example.com"); Working(r2, officer, RequestStatus.Acknowledged); Due(r2, lavalToday.AddDays(2));
        var r3 = await Open("r3", laval.Id, "r3@example.com"); Working(r3, officer); Due(r3, lavalToday.AddDays(20));
        var r4 = await Open("r4", laval.Id, "r4@example.com"); Working(r4, rep); Due(r4, lavalToday.AddDays(-1));
        var r5 = await Open("r5", laval.Id, "r5@example.com"); r5.AcknowledgementDue = lavalToday.AddDays(-1);
        var r6 = await Open("r6", laval.Id, "r6@example.com"); r6.AcknowledgementDue = lavalToday.AddDays(2);
        var r7 = await Open("r7", laval.Id, "r7@example.com"); Working(r7, officer, RequestStatus.Closed); Due(r7, lavalToday.AddDays(-5));
        r7.ClosedAt = now.AddDays(-40);
        r7.DecidedAt = now.AddDays(-40);
        var d1 = await Open("d1", laval.Id, "d1@example.com"); Working(d1, officer, RequestStatus.Decided);
        (d1.ReceivedAt, d1.DecidedAt) = (now.AddDays(-4), now); // "now" is in this month wherever the merchant is
        var d2 = await Open("d2", laval.Id, "d2@example.com"); Working(d2, officer, RequestStatus.Decided);
        (d2.ReceivedAt, d2.DecidedAt) = (now.AddDays(-10), now);
        var p1 = await Open("p1", paris.Id, "p1@example.com");
        p1.AssigneeId = officer; // an id from elsewhere must not bring another merchant's request in
        Due(p1, parisToday.AddDays(-2));
        p1.AcknowledgementDue = parisToday.AddDays(-3);

        Incident AddIncident(string key, int merchantId, IncidentStatus status) =>
            db.Incidents.Add(new Incident { MerchantId = merchantId, Reference = "BR-" + key, Title = "Incident " + key, Status = status,
                AwareAt = now.AddHours(-10), CreatedAt = now.AddHours(-10), UpdatedAt = now }).Entity;
        var i1 = AddIncident("i1", laval.Id, IncidentStatus.Open);
        var i2 = AddIncident("i2", laval.Id, IncidentStatus.Notifying);
        AddIncident("i3", laval.Id, IncidentStatus.Closed);
        var ip = AddIncident("ip", paris.Id, IncidentStatus.Assessing);

        db.InboundMessages.AddRange(
            Held(laval.Id, "mid:a@x", now.AddDays(-2)), Held(laval.Id, "mid:b@x", now.AddHours(-3)), Held(paris.Id, "mid:c@x", now.AddDays(-9)));
        db.MailSources.Add(new MailSource { MerchantId = laval.Id, Name = "laval-inbox", Kind = MailSourceKind.Maildir, MaildirPath = "/tmp/none",
            LastSuccessAt = now.AddDays(-1), LastErrorAt = now.AddMinutes(-5), LastError = "connection refused" });
        await db.SaveChangesAsync();

        db.RiskAssessments.Add(new RiskAssessment { IncidentId = i2.Id, MerchantId = laval.Id, Regime = BreachRegime.Quebec, Sensitivity = RiskLevel.High,
            Likelihood = RiskLevel.High, Consequences = RiskLevel.High, NotifyRegulator = true, NotifyPersons = false, AssessedAt = now.AddHours(-5), AssessedBy = "Sophie" });
        db.Filings.Add(new Filing { IncidentId = i2.Id, MerchantId = laval.Id, Kind = FilingKind.Cai, ExportedAt = now.AddHours(-4), FiledAt = now.AddHours(-3) });
        await db.SaveChangesAsync();
        (incidents["i1"], incidents["i2"], incidents["ip"]) = (i1.Id, i2.Id, ip.Id);
        return new World(host, laval.Id, paris.Id, officer, rep, manager, admin, parisOfficer, requests, incidents);
    }

    private static InboundMessage Held(int merchantId, string key, DateTimeOffset at) => new()
    {
        MerchantId = merchantId, Origin = "upload:test.mbox#" + key, DedupeKey = key, ContentSha256 = key, RawGzip = [1], ReceivedAt = at,
        Status = InboundStatus.Quarantined, QuarantineReason = "Unreadable",
    };

    private static async Task<WorkHomeView> HomeOfAsync(World w, string userId)
    {
        await using var scope = w.Host.ActAs(userId);
        return await scope.ServiceProvider.GetRequiredService<WorkHome>().GetAsync();
    }

    private static HomeRequestCard Card(HomeRequestCard? card) => Assert.IsType<HomeRequestCard>(card);

    private static IEnumerable<int> Ids(HomeRequestCard? card) => Card(card).First.Select(i => i.Id);

    [Fact]
    public async Task An_officer_sees_their_overdue_and_this_weeks_requests_and_the_teams_acknowledgements_and_new_requests()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Officer);

        var overdue = Card(home.MyOverdue);
        Assert.Equal(1, overdue.Count);
        Assert.Equal([w.Requests["r1"]], overdue.First.Select(i => i.Id));
        Assert.Equal(-3, overdue.First[0].DaysLeft);
        Assert.Equal("America/Toronto", overdue.First[0].Zone.Id);
        Assert.Equal([w.Requests["r2"]], Ids(home.MyDueThisWeek));
        Assert.Equal(2, Card(home.MyDueThisWeek).First[0].DaysLeft);
        var acks = Card(home.AcknowledgementsDue);
        Assert.Equal(1, acks.Count);
        Assert.Equal([w.Requests["r5"]], acks.First.Select(i => i.Id));
        Assert.Equal(-1, acks.First[0].DaysLeft); // counted from the acknowledgement's date, not the legal deadline
        var unassigned = Card(home.UnassignedNew);
        Assert.Equal(2, unassigned.Count);
        Assert.Equal([w.Requests["r5"], w.Requests["r6"]], unassigned.First.Select(i => i.Id).Order());
        Assert.Null(home.Figures);
        Assert.Null(home.Setup);
    }

    [Fact]
    public async Task Nothing_of_another_merchant_reaches_an_officer_even_assigned_to_their_id()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Officer);

        var p1 = w.Requests["p1"];
        Assert.DoesNotContain(p1, Ids(home.MyOverdue));
        Assert.DoesNotContain(p1, Ids(home.AcknowledgementsDue));
        Assert.DoesNotContain(p1, Ids(home.UnassignedNew));
        Assert.Equal(2, Assert.IsType<HomeQuarantineCard>(home.Quarantine).Count); // Laval's two, not Paris's one
        Assert.DoesNotContain(Assert.IsType<HomeIncidentCard>(home.IncidentClocks).First, i => i.Id == w.Incidents["ip"]);

        var paris = await HomeOfAsync(w, w.ParisOfficer);
        Assert.Equal(0, Card(paris.MyOverdue).Count); // p1 carries the Laval officer's id: nobody's here
        Assert.Equal([p1], Ids(paris.AcknowledgementsDue));
        Assert.Equal(1, Assert.IsType<HomeQuarantineCard>(paris.Quarantine).Count);
        Assert.Equal([w.Incidents["ip"]], Assert.IsType<HomeIncidentCard>(paris.IncidentClocks).First.Select(i => i.Id));
    }

    [Fact]
    public async Task Incident_clocks_list_open_incidents_whose_notices_are_still_owed()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Officer);

        // i2 was assessed, reported and filed, and the persons need no notice; i3 is closed.
        var card = Assert.IsType<HomeIncidentCard>(home.IncidentClocks);
        Assert.Equal(1, card.Count);
        var item = Assert.Single(card.First);
        Assert.Equal(w.Incidents["i1"], item.Id);
        Assert.False(item.Assessed);
        Assert.Equal("Clock.Prompt", item.ClockKey); // a Quebec merchant: "as soon as feasible", the office's target after awareness
        Assert.NotNull(item.Due);
        Assert.False(item.Late);
    }

    [Fact]
    public async Task The_oldest_quarantined_message_is_shown_in_its_merchants_zone()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Officer);

        var held = Assert.IsType<HomeQuarantineCard>(home.Quarantine);
        var oldest = Assert.NotNull(held.OldestReceivedAt);
        Assert.True(oldest < DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal("America/Toronto", held.Zone.Id);
    }

    [Fact]
    public async Task A_support_rep_has_work_cards_but_no_incidents()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Rep);

        Assert.Equal([w.Requests["r4"]], Ids(home.MyOverdue));
        Assert.Equal(0, Card(home.MyDueThisWeek).Count);
        Assert.NotNull(home.Quarantine);
        Assert.Null(home.IncidentClocks);
        Assert.Null(home.Figures);
    }

    [Fact]
    public async Task A_manager_gets_the_figures_of_their_merchant_and_no_work_cards()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Manager);

        Assert.Null(home.MyOverdue);
        Assert.Null(home.Quarantine);
        Assert.Null(home.IncidentClocks);
        var f = Assert.IsType<HomeFigures>(home.Figures);
        Assert.Equal(6, f.Open);           // r1 to r6
        Assert.Equal(2, f.Overdue);        // r1 and r4; p1 is Paris's
        Assert.Equal(2, f.ClosedThisMonth); // d1 and d2; r7 closed forty days ago
        Assert.Equal(7, f.MedianDaysToClose!.Value, 3);
        Assert.Equal(2, f.IncidentsOpen);  // i1 and i2; i3 is closed, ip is Paris's
    }

    [Fact]
    public async Task An_admin_sees_every_merchant_and_the_setup_warnings()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var home = await HomeOfAsync(w, w.Admin);

        // p1 is Paris's: unacknowledged and past its date. It carries an assignee id (the seed's foreign one), so it is
        // not among the new requests nobody took, which are Laval's r5 and r6.
        Assert.Equal([w.Requests["r5"], w.Requests["p1"]], Ids(home.AcknowledgementsDue).Order());
        Assert.Equal([w.Requests["r5"], w.Requests["r6"]], Ids(home.UnassignedNew).Order());
        Assert.Equal(3, Assert.IsType<HomeQuarantineCard>(home.Quarantine).Count);
        Assert.Equal(0, Card(home.MyOverdue).Count); // nothing is assigned to the admin
        Assert.Equal(2, Assert.IsType<HomeIncidentCard>(home.IncidentClocks).Count);
        var setup = Assert.IsType<HomeSetupWarnings>(home.Setup);
        Assert.Equal(["laval-inbox"], setup.FailingMailboxes);
        Assert.True(setup.Any);
    }

    [Fact]
    public async Task An_admin_who_picked_one_merchant_sees_that_merchant_only()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        await using (var scope = w.Host.ActAs(w.Admin))
            await scope.ServiceProvider.GetRequiredService<CurrentStaff>().SelectMerchantAsync(w.Paris);
        var home = await HomeOfAsync(w, w.Admin);

        Assert.Equal([w.Requests["p1"]], Ids(home.AcknowledgementsDue));
        Assert.Equal(0, Card(home.UnassignedNew).Count); // Laval's r5 and r6 are out of view; p1 has an assignee
        Assert.Equal(1, Assert.IsType<HomeQuarantineCard>(home.Quarantine).Count);
        Assert.Empty(Assert.IsType<HomeSetupWarnings>(home.Setup).FailingMailboxes); // Laval's mailbox is out of view
    }

    [Fact]
    public async Task Cards_list_a_few_items_and_count_them_all()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        await using (var db = w.Host.SystemDb())
        {
            var intake = w.Host.Services.GetRequiredService<RequestIntake>();
            for (var n = 0; n < WorkHome.ItemsPerCard + 3; n++)
                await intake.OpenAsync(db, new NewRequest(w.Laval, [RequestType.Erasure], RequestChannel.Phone, "fr", $"Extra {n}", $"extra{n}@example.com",
                    ReceivedAt: DateTimeOffset.UtcNow.AddMinutes(-30)));
        }
        var home = await HomeOfAsync(w, w.Officer);

        var unassigned = Card(home.UnassignedNew);
        Assert.Equal(2 + WorkHome.ItemsPerCard + 3, unassigned.Count);
        Assert.Equal(WorkHome.ItemsPerCard, unassigned.First.Count);
    }
}
