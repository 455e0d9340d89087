using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Admin;

public sealed class MerchantServiceTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private string _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _admin = await _host.CreateUserAsync("admin@x.example", [Roles.Admin]);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static MerchantInput Input(string slug = "mm-laval", string? neq = null, string country = "CA", string? province = "QC") =>
        new(slug, "Millenium Micro Laval", null, neq, country, province, "fr", "Sophie", "privacy@x.example", null, null);

    [Theory]
    [InlineData("Bad Slug", null, "CA", "QC")]
    [InlineData("ok-slug", "12345", "CA", "QC")]
    [InlineData("ok-slug", null, "Canada", "QC")]
    [InlineData("ok-slug", null, "CA", "QUEBEC")]
    public async Task Invalid_input_is_refused_with_a_reason(string slug, string? neq, string country, string province)
    {
        await using var scope = _host.ActAs(_admin);
        var result = await scope.ServiceProvider.GetRequiredService<MerchantService>().CreateAsync(Input(slug, neq, country, province));
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public async Task A_brand_colour_is_kept_lower_case_and_a_malformed_one_is_refused_on_its_field()
    {
        await using var scope = _host.ActAs(_admin);
        var service = scope.ServiceProvider.GetRequiredService<MerchantService>();
        var bad = await service.CreateAsync(Input() with { BrandColor = "red;position:fixed" });
        Assert.False(bad.Succeeded);
        Assert.Contains("#0b5394", bad.FieldErrors[nameof(MerchantInput.BrandColor)]);
        var good = await service.CreateAsync(Input() with { BrandColor = "#0B5394" });
        Assert.True(good.Succeeded, string.Join(" ", good.Errors));
        Assert.Equal("#0b5394", good.Merchant!.BrandColor);
    }

    [Fact]
    public async Task A_duplicate_slug_is_refused()
    {
        await using var scope = _host.ActAs(_admin);
        var service = scope.ServiceProvider.GetRequiredService<MerchantService>();
        Assert.True((await service.CreateAsync(Input())).Succeeded);
        var again = await service.CreateAsync(Input());
        Assert.False(again.Succeeded);
        Assert.Contains("mm-laval", again.Errors.Single());
    }

    [Fact]
    public async Task A_concurrent_edit_is_detected_not_overwritten_and_both_are_audited()
    {
        await using var scope = _host.ActAs(_admin);
        var service = scope.ServiceProvider.GetRequiredService<MerchantService>();
        var created = (await service.CreateAsync(Input())).Merchant!;

        var first = await service.UpdateAsync(created.Id, created.Version, Input() with { Name = "First edit" });
        Assert.True(first.Succeeded);
        var stale = await service.UpdateAsync(created.Id, created.Version, Input() with { Name = "Second edit" });

        Assert.False(stale.Succeeded);
        Assert.True(stale.Conflict);
        Assert.Equal("First edit", stale.Merchant!.Name);
        Assert.Equal("First edit", (await service.FindAsync(created.Id))!.Name);

        await using var db = _host.SystemDb();
        var actions = await db.AuditEntries.Where(a => a.EntityType == nameof(Merchant)).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        Assert.Equal(["merchant.created", "merchant.updated"], actions);
    }

    [Fact]
    public async Task The_acknowledgement_delay_is_set_per_merchant_and_drives_new_requests()
    {
        await using var scope = _host.ActAs(_admin);
        var created = (await scope.ServiceProvider.GetRequiredService<MerchantService>().CreateAsync(Input() with { AcknowledgementBusinessDays = 5 })).Merchant!;
        Assert.False((await scope.ServiceProvider.GetRequiredService<MerchantService>().CreateAsync(Input("other") with { AcknowledgementBusinessDays = 99 })).Succeeded);

        await using var db = _host.SystemDb();
        var receivedAt = new DateTimeOffset(2026, 6, 22, 15, 0, 0, TimeSpan.Zero); // Monday; 24 June is a Quebec holiday
        var request = await scope.ServiceProvider.GetRequiredService<PrivacyDesk.Features.Requests.RequestIntake>().OpenAsync(db,
            new PrivacyDesk.Features.Requests.NewRequest(created.Id, [PrivacyDesk.Features.Requests.RequestType.Access], PrivacyDesk.Features.Requests.RequestChannel.Phone,
                "fr", "Test", "t@example.com", ReceivedAt: receivedAt));
        // 23, 25, 26, 29, 30 June: five business days, skipping the Fête nationale and the weekend.
        Assert.Equal(new DateOnly(2026, 6, 30), request.AcknowledgementDue);
    }
}
