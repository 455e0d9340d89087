using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Requests;

/// <summary>
/// Under the CCPA an opt-out of sale or sharing runs on 15 business days (11 CCR 7026(f)), not on the
/// 45-day clock of access and deletion: when it is logged, and when an officer corrects a request's type.
/// </summary>
public sealed class OptOutClockTests
{
    [Fact]
    public async Task A_california_opt_out_gets_15_business_days_and_a_corrected_type_moves_the_deadline()
    {
        await using var host = await TestHost.CreateAsync();
        var shop = await host.CreateMerchantAsync("sf", "Bay Bikes", "US", "CA");
        var officer = await host.CreateUserAsync("officer@baybikes.example", [Roles.PrivacyOfficer], shop.Id);
        var received = new DateTimeOffset(2026, 11, 16, 18, 0, 0, TimeSpan.Zero); // Monday 16 Nov 2026, 10:00 in Los Angeles
        var calendar = HolidayCalendar.California;
        var fifteenBusinessDays = DeadlineCalculator.AddBusinessDays(new DateOnly(2026, 11, 16), 15, calendar);
        Assert.Equal(new DateOnly(2026, 12, 9), fifteenBusinessDays); // Thanksgiving and the day after are skipped

        await using var scope = host.ActAs(officer);
        var workflow = scope.ServiceProvider.GetRequiredService<RequestWorkflow>();
        var optOut = await workflow.LogAsync(new NewRequest(shop.Id, [RequestType.Withdrawal], RequestChannel.Phone, "en", "Sam Lee", "sam@example.com",
            Message: "Do not sell or share my personal information.", ReceivedAt: received, Jurisdiction: Jurisdiction.Ccpa));
        Assert.Equal(fifteenBusinessDays, optOut.LegalDue);
        Assert.Null(optOut.ReceiptConfirmationDue);

        var access = await workflow.LogAsync(new NewRequest(shop.Id, [RequestType.Access], RequestChannel.Phone, "en", "Ann Park", "ann@example.com",
            Message: "What do you hold about me?", ReceivedAt: received, Jurisdiction: Jurisdiction.Ccpa));
        Assert.Equal(new DateOnly(2026, 12, 31), access.LegalDue); // 45 calendar days
        var corrected = await workflow.CorrectClassificationAsync(access.Id, access.Version, [RequestType.Withdrawal], "en");
        Assert.True(corrected.Succeeded, corrected.Error);

        await using var db = host.SystemDb();
        var after = await db.Requests.SingleAsync(r => r.Id == access.Id);
        Assert.Equal(fifteenBusinessDays, after.LegalDue);
        Assert.Equal(fifteenBusinessDays, after.EffectiveDue);
        Assert.True(await db.RequestEvents.AnyAsync(e => e.RequestId == access.Id && e.Kind == RequestEventKind.DeadlineChanged));
    }
}
