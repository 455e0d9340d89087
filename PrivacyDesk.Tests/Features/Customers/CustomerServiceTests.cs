using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Customers;

public sealed class CustomerServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private Merchant _laval = null!, _paris = null!;
    private string _officer = null!, _rep = null!, _parisOfficer = null!;
    private int _helene;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _laval = await _host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        _paris = await _host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        _officer = await _host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], _laval.Id);
        _rep = await _host.CreateUserAsync("rep@laval.example", [Roles.SupportRep], _laval.Id);
        _parisOfficer = await _host.CreateUserAsync("dpo@paris.example", [Roles.PrivacyOfficer], _paris.Id);
        _helene = await AddCustomerAsync(_laval.Id, "MM-1", "Hélène", "Tremblay", "helene@example.com", "514-555-0101", "1 rue A, Laval", "H7G 2V5", orders: 3);
        await AddCustomerAsync(_paris.Id, "FR-1", "Hélène", "Trembley", "h@example.fr", "01 23 45 67 89", "2 rue B, Paris", "75019", orders: 1);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> AddCustomerAsync(int merchantId, string account, string first, string last, string email, string phone, string address, string postal, int orders)
    {
        await using var db = _host.SystemDb();
        var now = DateTimeOffset.UtcNow;
        var c = new Customer { MerchantId = merchantId, AccountNumber = account, FirstName = first, LastName = last, CreatedAt = now.AddYears(-4), LastActivityAt = now.AddYears(-4) };
        var points = new List<ContactPoint>
        {
            new() { MerchantId = merchantId, Kind = ContactKind.Email, Value = email, ValidFrom = c.CreatedAt },
            new() { MerchantId = merchantId, Kind = ContactKind.Phone, Value = phone, ValidFrom = c.CreatedAt },
            new() { MerchantId = merchantId, Kind = ContactKind.Postal, Value = address, PostalCode = postal, ValidFrom = c.CreatedAt },
        };
        c.ContactPoints.AddRange(points);
        c.SearchText = CustomerService.SearchTextFor(c, points);
        c.Consents.Add(new Consent { MerchantId = merchantId, Purpose = "Marketing", Channel = ConsentChannel.Sms, State = ConsentState.Granted, Source = "signup", At = c.CreatedAt });
        db.Customers.Add(c);
        for (var i = 0; i < orders; i++)
            db.Orders.Add(new CustomerOrder { Customer = c, MerchantId = merchantId, OrderNumber = $"{account}-{i}", At = now, Items = "Laptop", Total = 999.99m, PaymentMethodMasked = "Visa •••• 4242" });
        db.ActivityLogs.Add(new ActivityLog { Customer = c, MerchantId = merchantId, At = now, IpAddress = "203.0.113.7" });
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task<PrivacyRequest> OpenRequestAsync(RequestType type)
    {
        await using var scope = _host.ActAs(_officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var request = await workflow.LogAsync(new NewRequest(_laval.Id, [type], RequestChannel.Email, "fr", "Hélène Tremblay", "helene@example.com"));
        return (await workflow.LinkCustomerAsync(request.Id, request.Version, _helene)).Request!;
    }

    private async Task<CustomerProfile> ProfileAsync(string user)
    {
        await using var scope = _host.ActAs(user);
        return (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(_helene))!;
    }

    [Theory]
    [InlineData("helene trembl")]
    [InlineData("HÉLÈNE")]
    [InlineData("helene@example")]
    [InlineData("5145550101")]
    [InlineData("514-555")]
    [InlineData("h7g 2v5")]
    [InlineData("MM-1")]
    public async Task Search_finds_by_name_email_phone_postal_code_or_account_ignoring_accents_and_case(string query)
    {
        await using var scope = _host.ActAs(_rep);
        var hits = await scope.ServiceProvider.GetRequiredService<CustomerService>().SearchAsync(query);
        Assert.Equal(["MM-1"], hits.Select(h => h.AccountNumber));
    }

    [Fact]
    public async Task An_email_address_finds_its_holder_and_not_her_namesakes()
    {
        await AddCustomerAsync(_laval.Id, "MM-2", "Hélène", "Tremblay", "helene.tremblay83@example.net", "450-555-0199", "9 rue C, Laval", "H7N 1A1", orders: 0);
        await using var scope = _host.ActAs(_rep);
        var service = scope.ServiceProvider.GetRequiredService<CustomerService>();
        Assert.Equal(["MM-1", "MM-2"], (await service.SearchAsync("helene tremblay")).Select(h => h.AccountNumber).Order());
        Assert.Equal(["MM-1"], (await service.SearchAsync("Helene@Example.com")).Select(h => h.AccountNumber));
        Assert.Equal(["MM-2"], (await service.SearchAsync("helene.tremblay83@")).Select(h => h.AccountNumber));
        Assert.Empty(await service.SearchAsync("helene@example.net"));
    }

    [Fact]
    public async Task Staff_of_another_merchant_cannot_find_or_open_her()
    {
        await using var scope = _host.ActAs(_parisOfficer);
        var service = scope.ServiceProvider.GetRequiredService<CustomerService>();
        Assert.Equal(["FR-1"], (await service.SearchAsync("helene")).Select(h => h.AccountNumber));
        Assert.Null(await service.GetProfileAsync(_helene));
    }

    [Fact]
    public async Task Rectifying_an_address_closes_the_old_one_and_records_the_change_under_the_request()
    {
        var request = await OpenRequestAsync(RequestType.Rectification);
        var before = await ProfileAsync(_officer);
        await using (var scope = _host.ActAs(_officer))
        {
            var result = await scope.ServiceProvider.GetRequiredService<CustomerActions>()
                .RectifyAsync(_helene, before.Customer.Version, request.Id, RectifiableField.PostalAddress, "77 rue Principale, Laval", "h7x 3y4", notifyCustomer: true);
            Assert.True(result.Succeeded, result.Error);
            var stale = await scope.ServiceProvider.GetRequiredService<CustomerActions>()
                .RectifyAsync(_helene, before.Customer.Version, request.Id, RectifiableField.FirstName, "Helen");
            Assert.True(stale.Conflict);
        }
        var after = await ProfileAsync(_officer);
        Assert.Equal("77 rue Principale, Laval", after.ContactPoints.Single(p => p.Kind == ContactKind.Postal && p.IsCurrent).Value);
        Assert.Equal("H7X 3Y4", after.ContactPoints.Single(p => p.Kind == ContactKind.Postal && p.IsCurrent).PostalCode);
        Assert.NotNull(after.ContactPoints.Single(p => p.Value == "1 rue A, Laval").ValidTo);
        var change = after.Changes.Single();
        Assert.Equal(("1 rue A, Laval", "77 rue Principale, Laval", request.Reference), (change.OldValue, change.NewValue, change.RequestReference));

        await using var check = _host.ActAs(_rep);
        Assert.Single(await check.ServiceProvider.GetRequiredService<CustomerService>().SearchAsync("h7x"));
        var timeline = (await check.ServiceProvider.GetRequiredService<RequestWorkflow>().GetAsync(request.Id))!.Events;
        Assert.Contains(timeline, e => e.Text?.Contains("77 rue Principale") == true);
        // The confirmation seed 000 promises, in her language, queued with the change.
        Assert.Contains(timeline, e => e.Kind == RequestEventKind.Reply && e.Text!.Contains("rectifié") && e.Data!.Contains("helene@example.com"));
    }

    [Fact]
    public async Task An_sms_opt_out_is_a_new_consent_record_and_the_consent_in_force_changes()
    {
        var request = await OpenRequestAsync(RequestType.Withdrawal);
        var before = await ProfileAsync(_officer);
        Assert.Contains(before.ConsentsInForce(DateTimeOffset.UtcNow), c => c.Channel == ConsentChannel.Sms);
        await using (var scope = _host.ActAs(_officer))
            Assert.True((await scope.ServiceProvider.GetRequiredService<CustomerActions>()
                .SetConsentAsync(_helene, before.Customer.Version, request.Id, "Marketing", ConsentChannel.Sms, ConsentState.Withdrawn)).Succeeded);
        var after = await ProfileAsync(_officer);
        Assert.Equal(2, after.Consents.Count);
        Assert.DoesNotContain(after.ConsentsInForce(DateTimeOffset.UtcNow), c => c.Channel == ConsentChannel.Sms);
    }

    [Fact]
    public async Task Erasure_anonymises_deletes_and_keeps_invoices_under_the_legal_hold_with_the_reason()
    {
        var request = await OpenRequestAsync(RequestType.Erasure);
        var before = await ProfileAsync(_officer);
        CustomerResult result;
        await using (var scope = _host.ActAs(_officer))
            result = await scope.ServiceProvider.GetRequiredService<CustomerActions>().EraseAsync(_helene, before.Customer.Version, request.Id);
        Assert.True(result.Succeeded, result.Error);

        var orders = result.Erasure!.Single(l => l.Category == DataCategory.Orders);
        Assert.Equal((ErasureAction.KeepUnderLegalHold, 3), (orders.Action, orders.Count));
        Assert.Contains("6 ans", orders.KeptBecauseFr);
        var after = await ProfileAsync(_officer);
        Assert.Equal(CustomerStatus.Anonymised, after.Customer.Status);
        Assert.DoesNotContain("Hélène", after.Customer.FullName);
        Assert.Empty(after.ContactPoints);
        Assert.Empty(after.Logs);
        Assert.Equal(3, after.Orders.Count);

        await using var scope2 = _host.ActAs(_rep);
        Assert.Empty(await scope2.ServiceProvider.GetRequiredService<CustomerService>().SearchAsync("tremblay"));
        await using var db = _host.SystemDb();
        Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "customer.erased");
    }

    [Fact]
    public async Task Actions_need_an_officer_and_an_open_request_of_the_same_merchant()
    {
        var request = await OpenRequestAsync(RequestType.Erasure);
        var version = (await ProfileAsync(_officer)).Customer.Version;
        await using (var scope = _host.ActAs(_rep))
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.ServiceProvider.GetRequiredService<CustomerActions>().DeactivateAsync(_helene, version, request.Id));
        await using (var scope = _host.ActAs(_officer))
            Assert.False((await scope.ServiceProvider.GetRequiredService<CustomerActions>().DeactivateAsync(_helene, version, requestId: 999_999)).Succeeded);
        await using (var scope = _host.ActAs(_officer))
        {
            var result = await scope.ServiceProvider.GetRequiredService<CustomerActions>().DeactivateAsync(_helene, version, request.Id);
            Assert.True(result.Succeeded, result.Error);
        }
        Assert.Equal(CustomerStatus.Deactivated, (await ProfileAsync(_officer)).Customer.Status);
    }

    [Fact]
    public async Task The_retention_review_flags_customers_inactive_for_three_years()
    {
        await using var scope = _host.ActAs(_officer);
        _ = await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(_helene); // creates the inventory
        var due = await scope.ServiceProvider.GetRequiredService<CustomerService>().RetentionReviewAsync();
        Assert.Equal(["MM-1"], due.Select(d => d.AccountNumber));
    }
}
