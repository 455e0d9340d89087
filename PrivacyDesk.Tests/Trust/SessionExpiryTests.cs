using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Trust;

/// <summary>
/// Sessions end after Security:SessionIdleMinutes without activity, stay alive while someone works,
/// and end anyway after Security:SessionMaxHours. Time is moved forward on the app's own clock (the
/// cookie handler, Identity and our cap all read it), over real HTTP with the real sign-in cookie.
/// </summary>
public sealed class SessionExpiryTests
{
    private const string Email = "admin@session.example", Password = "Correct-Horse-42";

    private static async Task<(InProcessApp App, ShiftedClock Clock, StaffHttp Http)> SignedInAsync(params string[] settings)
    {
        var clock = new ShiftedClock();
        var app = await InProcessApp.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(clock));
        await app.CreateAdminAsync(Email, Password);
        var http = await StaffHttp.SignInAsync(app.HttpUrl, Email, Password);
        Assert.False(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")));
        return (app, clock, http);
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_time()
    {
        var (app, clock, http) = await SignedInAsync("Security:SessionIdleMinutes=60");
        await using var _ = app;
        using var __ = http;
        clock.Offset = TimeSpan.FromMinutes(59);
        Assert.False(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")), "still signed in after 59 idle minutes");
        clock.Offset += TimeSpan.FromMinutes(61);
        Assert.True(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")), "signed out after 61 idle minutes");
    }

    [Fact]
    public async Task Activity_keeps_a_session_alive_until_the_absolute_cap()
    {
        var (app, clock, http) = await SignedInAsync("Security:SessionIdleMinutes=60", "Security:SessionMaxHours=2");
        await using var _ = app;
        using var __ = http;
        // Someone working: a page every 40 minutes keeps the sliding cookie fresh past the idle time...
        foreach (var minutes in new[] { 40, 80, 119 })
        {
            clock.Offset = TimeSpan.FromMinutes(minutes);
            Assert.False(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")), $"signed out after {minutes} busy minutes");
        }
        // ...but not past the cap on the whole session.
        clock.Offset = TimeSpan.FromMinutes(125);
        Assert.True(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")), "still signed in after 2 h 05 of activity");
        // And the cookie is gone for good: a later request is not let back in.
        Assert.True(StaffHttp.IsSentToLogin(await http.Client.GetAsync("/requests")));
    }
}
