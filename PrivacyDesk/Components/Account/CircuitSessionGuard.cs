using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Components.Account;

/// <summary>
/// An open circuit is one long WebSocket: no cookie is checked again while it lives. When the
/// user's sessions are ended (sign-out elsewhere, lock, reset, new roles), the circuit's user
/// becomes anonymous at once, so the page is replaced by the sign-in redirect; what the circuit still
/// asks of a service is refused, since CurrentStaff then resolves to nobody.
/// </summary>
public sealed class CircuitSessionGuard(AuthenticationStateProvider authentication, StaffSessions sessions, TimeProvider clock) : CircuitHandler, IDisposable
{
    private string? _userId;
    private DateTimeOffset _openedAt;
    private bool _ended;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _openedAt = clock.GetUtcNow();
        _userId = (await authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (_userId is not null) sessions.Revoked += OnRevoked;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            // Ended while this circuit was not told (a missed event): it turns anonymous before the event is handled.
            if (_userId is not null && !_ended && sessions.RevokedSince(_userId, _openedAt)) EndSession();
            return next(context);
        };

    private void OnRevoked(string userId)
    {
        if (userId == _userId) EndSession();
    }

    private void EndSession()
    {
        if (_ended) return;
        _ended = true;
        if (authentication is ServerAuthenticationStateProvider server)
            server.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    public void Dispose() => sessions.Revoked -= OnRevoked;
}
