using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Audit;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Audit;

/// <summary>The audit viewer's reading of the real hash-chained trail, written the way the features write it.</summary>
public sealed class AuditViewerTests
{
    private sealed record World(TestHost Host, int Laval, int Paris, string Officer, string Rep, string Manager, string Admin,
        int Customer, int ParisCustomer, int LinkedRequest, int OtherRequest, int ParisRequest);

    private const string OfficerName = "Sophie Gagnon";

    /// <summary>
    /// Laval: Marie Tremblay (a customer), her request and another one; the officer rectified Marie's data and
    /// downloaded an attachment of her request; an import of orders and a code no table knows. Paris: a request
    /// and a customer erased. The staff accounts' creation records belong to no merchant.
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
        var intake = host.Services.GetRequiredService<RequestIntake>();
        var now = DateTimeOffset.UtcNow;

        Customer NewCustomer(int merchantId, string account, string first, string last, string email)
        {
            var c = new Customer { MerchantId = merchantId, AccountNumber = account, FirstName = first, LastName = last, CreatedAt = now.AddYears(-1) };
            c.ContactPoints.Add(new ContactPoint { MerchantId = merchantId, Kind = ContactKind.Email, Value = email, ValidFrom = now.AddYears(-1) });
            c.SearchText = CustomerService.SearchTextFor(c, c.ContactPoints);
            return c;
        }

        int customer, parisCustomer, linked, other, parisRequest;
        await using (var db = host.SystemDb())
        {
            var marie = NewCustomer(laval.Id, "L-100", "Marie", "Tremblay", "marie@example.com");
            var luc = NewCustomer(paris.Id, "P-200", "Luc", "Martin", "luc@example.com");
            db.Customers.AddRange(marie, luc);
            await db.SaveChangesAsync();
            (customer, parisCustomer) = (marie.Id, luc.Id);

            var mine = await intake.OpenAsync(db, new NewRequest(laval.Id, [RequestType.Access], RequestChannel.Email, "fr", "Marie Tremblay", "marie@example.com",
                ReceivedAt: now.AddHours(-2), CustomerId: marie.Id));
            var another = await intake.OpenAsync(db, new NewRequest(laval.Id, [RequestType.Erasure], RequestChannel.Phone, "fr", "Paul Roy", "paul@example.com",
                ReceivedAt: now.AddHours(-2)));
            var abroad = await intake.OpenAsync(db, new NewRequest(paris.Id, [RequestType.Access], RequestChannel.Email, "fr", "Luc Martin", "luc@example.com",
                ReceivedAt: now.AddHours(-2), CustomerId: luc.Id));
            (linked, other, parisRequest) = (mine.Id, another.Id, abroad.Id);
        }

        // Written as the officer acting: the same staging and chaining the features use.
        await using (var db = host.Services.GetRequiredService<IDbContextFactory<PrivacyDeskDbContext>>().CreateSystemContext(new AuditActor(officer, OfficerName)))
        {
            db.Audit("customer.rectified", nameof(Customer), customer, laval.Id, new { request = "PD-x", AccountNumber = "L-100" });
            db.Audit("request.attachment-downloaded", nameof(PrivacyRequest), linked, laval.Id, new { FileName = "id-card.pdf", Id = 1 });
            db.Audit("orders.imported", "Merchant", laval.Id, laval.Id, new { inserted = 3 });
            db.Audit("future.thing", "Widget", 7, laval.Id);
            db.Audit("customer.erased", nameof(Customer), parisCustomer, paris.Id, new { AccountNumber = "P-200" });
            await db.SaveChangesAsync();
        }
        return new World(host, laval.Id, paris.Id, officer, rep, manager, admin, customer, parisCustomer, linked, other, parisRequest);
    }

    private static async Task<AuditResults> ReadAsync(World w, string userId, AuditFilter? filter = null, int skip = 0, int take = 100)
    {
        await using var scope = w.Host.ActAs(userId);
        return await scope.ServiceProvider.GetRequiredService<AuditViewer>().QueryAsync(filter ?? new AuditFilter(), skip, take);
    }

    [Fact]
    public async Task An_officer_reads_their_merchants_records_newest_first_and_nothing_else()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var page = await ReadAsync(w, w.Officer);

        await using var db = w.Host.SystemDb();
        var lavalCount = await db.AuditEntries.CountAsync(a => a.MerchantId == w.Laval);
        Assert.Equal(lavalCount, page.Total);
        Assert.Equal(lavalCount, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal("Informatique Laval", r.MerchantName));
        Assert.All(page.Rows, r => Assert.True(r.InMerchantZone));
        Assert.All(page.Rows, r => Assert.Equal("America/Toronto", r.Zone.Id));
        Assert.Equal(page.Rows.Select(r => r.Id).OrderByDescending(id => id), page.Rows.Select(r => r.Id));
        Assert.DoesNotContain(page.Rows, r => r.Action is "customer.erased" or "user.created");
        Assert.DoesNotContain(page.Rows, r => r.Subject.Href == $"requests/{w.ParisRequest}");
    }

    [Fact]
    public async Task Pages_are_cut_on_the_server_and_keep_the_total()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var all = await ReadAsync(w, w.Officer);
        var first = await ReadAsync(w, w.Officer, take: 2);
        var second = await ReadAsync(w, w.Officer, skip: 2, take: 2);

        Assert.Equal(all.Total, first.Total);
        Assert.Equal(all.Rows.Take(2).Select(r => r.Id), first.Rows.Select(r => r.Id));
        Assert.Equal(all.Rows.Skip(2).Take(2).Select(r => r.Id), second.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task An_admin_looking_at_every_merchant_also_sees_the_installations_records_in_utc()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var page = await ReadAsync(w, w.Admin);

        await using var db = w.Host.SystemDb();
        Assert.Equal(await db.AuditEntries.CountAsync(), page.Total);
        var created = page.Rows.Where(r => r.Action == "user.created").ToList();
        Assert.Equal(4, created.Count);
        Assert.All(created, r => Assert.False(r.InMerchantZone));
        Assert.All(created, r => Assert.Equal(TimeZoneInfo.Utc, r.Zone));
        Assert.All(created, r => Assert.Equal("admin/users", r.Subject.Href));
        Assert.Contains(page.Rows, r => r.Action == "customer.erased");
    }

    [Fact]
    public async Task Support_reps_and_managers_may_not_read_the_log()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => ReadAsync(w, w.Rep));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => ReadAsync(w, w.Manager));
        await using var scope = w.Host.ActAs(w.Manager);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<AuditViewer>().ActorsAsync());
    }

    [Fact]
    public async Task A_person_filter_takes_in_their_record_and_their_requests_but_not_other_peoples()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var page = await ReadAsync(w, w.Officer, new AuditFilter(CustomerId: w.Customer));

        Assert.Contains(page.Rows, r => r.Action == "customer.rectified" && r.Subject.Href == $"customers/{w.Customer}");
        Assert.Contains(page.Rows, r => r.Action == "request.attachment-downloaded" && r.Subject.Href == $"requests/{w.LinkedRequest}");
        Assert.Contains(page.Rows, r => r.Action == "request.created" && r.Subject.Href == $"requests/{w.LinkedRequest}");
        Assert.DoesNotContain(page.Rows, r => r.Subject.Href == $"requests/{w.OtherRequest}");
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task Another_merchants_person_or_request_matches_nothing()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        Assert.Equal(0, (await ReadAsync(w, w.Officer, new AuditFilter(CustomerId: w.ParisCustomer))).Total);
        Assert.Equal(0, (await ReadAsync(w, w.Officer, new AuditFilter(RequestId: w.ParisRequest))).Total);

        await using var scope = w.Host.ActAs(w.Officer);
        var viewer = scope.ServiceProvider.GetRequiredService<AuditViewer>();
        var (person, request) = await viewer.DescribeAsync(new AuditFilter(w.ParisCustomer, w.ParisRequest));
        Assert.Null(person);
        Assert.Null(request);
        Assert.Empty(await viewer.FindPeopleAsync("Luc Martin"));
    }

    [Fact]
    public async Task A_request_filter_shows_what_was_done_to_that_request()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var page = await ReadAsync(w, w.Officer, new AuditFilter(RequestId: w.LinkedRequest));

        Assert.Equal(["request.attachment-downloaded", "request.created"], page.Rows.Select(r => r.Action));
        Assert.All(page.Rows, r => Assert.Equal($"requests/{w.LinkedRequest}", r.Subject.Href));
    }

    [Fact]
    public async Task A_staff_filter_shows_that_persons_actions_under_their_name()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var page = await ReadAsync(w, w.Officer, new AuditFilter(ActorId: w.Officer));

        Assert.Equal(4, page.Total); // the Paris erasure is out of the officer's view
        Assert.All(page.Rows, r => Assert.Equal(OfficerName, r.Actor.Text));
        Assert.All(page.Rows, r => Assert.Null(r.Actor.Key));

        var system = await ReadAsync(w, w.Officer, new AuditFilter(ActorId: "system"));
        Assert.All(system.Rows, r => Assert.Equal("AuditActor.System", r.Actor.Key));
        Assert.Equal(["merchant.created", "request.created", "request.created"], system.Rows.Select(r => r.Action).Order()); // set up by the system
    }

    [Fact]
    public async Task A_kind_filter_groups_the_codes()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;

        var disclosures = await ReadAsync(w, w.Officer, new AuditFilter(Kind: AuditKind.Disclosure));
        Assert.Equal(["request.attachment-downloaded"], disclosures.Rows.Select(r => r.Action));

        var customers = await ReadAsync(w, w.Officer, new AuditFilter(Kind: AuditKind.Customers));
        Assert.Equal(["customer.rectified", "orders.imported"], customers.Rows.Select(r => r.Action).Order());

        var other = await ReadAsync(w, w.Officer, new AuditFilter(Kind: AuditKind.Other));
        var unknown = Assert.Single(other.Rows);
        Assert.Equal("future.thing", unknown.Action);
        Assert.Equal(AuditActions.UnknownKey, unknown.ActionWords.Key);
        Assert.Equal("AuditSubject.Other", unknown.Subject.KindKey);
    }

    [Fact]
    public async Task A_date_range_counts_whole_days_both_ends_included()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var all = await ReadAsync(w, w.Officer);

        var around = await ReadAsync(w, w.Officer, new AuditFilter(From: today.AddDays(-1), To: today.AddDays(1)));
        Assert.Equal(all.Total, around.Total);
        var later = await ReadAsync(w, w.Officer, new AuditFilter(From: today.AddDays(2)));
        Assert.Equal(0, later.Total);
        var earlier = await ReadAsync(w, w.Officer, new AuditFilter(To: today.AddDays(-2)));
        Assert.Equal(0, earlier.Total);
    }

    [Fact]
    public void Day_bounds_are_midnight_where_the_merchant_is()
    {
        var montreal = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        var (start, end) = AuditViewer.Bounds(montreal, new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 15));
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 5, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 1, 16, 5, 0, 0, TimeSpan.Zero), end.ToUniversalTime());
        var (open, _) = AuditViewer.Bounds(montreal, null, null);
        Assert.Equal(DateTimeOffset.MinValue, open);
    }

    [Fact]
    public async Task Rows_carry_words_and_links_never_the_records_details()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        var page = await ReadAsync(w, w.Officer);

        var rectified = page.Rows.Single(r => r.Action == "customer.rectified");
        Assert.Equal("AuditAction.CustomerRectified", rectified.ActionWords.Key);
        Assert.Equal(AuditKind.Customers, rectified.Kind);
        Assert.Equal("AuditSubject.Customer", rectified.Subject.KindKey);
        Assert.Equal("Marie Tremblay", rectified.Subject.Name!.Text);

        var download = page.Rows.Single(r => r.Action == "request.attachment-downloaded");
        Assert.Equal(AuditKind.Disclosure, download.Kind);
        Assert.Matches(@"^PD-\d{4}-\d{6}$", download.Subject.Name!.Text);

        var import = page.Rows.Single(r => r.Action == "orders.imported");
        Assert.Equal("AuditAction.Imported", import.ActionWords.Key);
        Assert.Equal("ImportEntity.Orders", import.ActionWords.ArgKey);
        Assert.Equal("Informatique Laval", import.Subject.Name!.Text);
        Assert.Null(import.Subject.Href); // the merchants page is an admin's

        // The details (file names, account numbers) stay in the database.
        var shown = string.Join(" ", page.Rows.SelectMany(r => new[] { r.Actor.Text, r.ActionWords.Text, r.Subject.Name?.Text, r.Subject.Href }));
        Assert.DoesNotContain("id-card.pdf", shown);
        Assert.DoesNotContain("L-100", shown);
        Assert.DoesNotContain("marie@example.com", shown);
    }

    [Fact]
    public async Task The_person_and_request_pickers_find_within_the_readers_merchants()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        await using var scope = w.Host.ActAs(w.Officer);
        var viewer = scope.ServiceProvider.GetRequiredService<AuditViewer>();

        var marie = Assert.Single(await viewer.FindPeopleAsync("tremb"));
        Assert.Equal(w.Customer, marie.Id);
        Assert.Equal("Marie Tremblay", marie.Name);

        await using var db = w.Host.SystemDb();
        var reference = await db.Requests.Where(r => r.Id == w.LinkedRequest).Select(r => r.Reference).SingleAsync();
        var found = await viewer.FindRequestsAsync(reference[^6..]);
        Assert.Equal([w.LinkedRequest], found.Select(r => r.Id));
        var parisReference = await db.Requests.Where(r => r.Id == w.ParisRequest).Select(r => r.Reference).SingleAsync();
        Assert.Empty(await viewer.FindRequestsAsync(parisReference));
    }

    [Fact]
    public async Task The_staff_list_offers_the_readers_colleagues_admins_and_the_automatic_actors()
    {
        var w = await SeedAsync();
        await using var _ = w.Host;
        await using var scope = w.Host.ActAs(w.Officer);
        var actors = await scope.ServiceProvider.GetRequiredService<AuditViewer>().ActorsAsync();

        var ids = actors.Select(a => a.Id).ToHashSet();
        Assert.Superset(new HashSet<string> { w.Officer, w.Rep, w.Manager, w.Admin, "system", "intake", "outbox" }, ids);
        Assert.Contains(actors, a => a.Id == "intake" && a.Name.Key == "AuditActor.Intake");
    }

    [Fact]
    public void Every_action_code_the_app_writes_has_words_in_both_languages()
    {
        var text = new UiText();
        var missing = AuditActions.AllKeys().Concat(AuditViewer.FixedActors.Values)
            .Where(k => !text.Has(k, "en") || !text.Has(k, "fr")).ToList();
        Assert.True(missing.Count == 0, "Missing strings: " + string.Join(", ", missing));
        var (key, argKey, kind) = AuditActions.Describe("thirdparties.imported");
        Assert.Equal("AuditAction.Imported", key);
        Assert.Equal("ImportEntity.ThirdParties", argKey);
        Assert.Equal(AuditKind.Customers, kind);
        Assert.Equal(AuditActions.UnknownKey, AuditActions.Describe("no.such-code").Key);
    }

    [Fact]
    public void Every_audit_code_written_in_the_source_is_in_the_table()
    {
        // Literal codes passed to ctx.Audit("...") (the interpolated ones, mail.{status} and {what}.imported, are covered above).
        var source = Path.Combine(RepoPaths.Root, "PrivacyDesk");
        var pattern = new System.Text.RegularExpressions.Regex(@"\.Audit\(""(?<code>[a-z-]+\.[a-z-]+)""");
        var written = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => pattern.Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .Distinct().ToList();
        Assert.NotEmpty(written);
        var unknown = written.Where(c => AuditActions.Describe(c).Key == AuditActions.UnknownKey).ToList();
        Assert.True(unknown.Count == 0, "Audit codes without words: " + string.Join(", ", unknown));
        Assert.NotEqual(AuditActions.UnknownKey, AuditActions.Describe("mail.sent").Key);
        Assert.NotEqual(AuditActions.UnknownKey, AuditActions.Describe("mail.failed").Key);
    }
}
