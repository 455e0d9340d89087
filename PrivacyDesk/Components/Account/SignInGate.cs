using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting;

namespace PrivacyDesk.Components.Account;

/// <summary>
/// The password and code checks of sign-in, made so that they tell an outsider nothing: an unknown
/// email, a wrong password and a locked account get the same answer after the same work (one
/// password hash each), and unknown emails are counted towards a lockout like real ones. A TOTP
/// code is accepted once: the same code in a second session within its 30-second step is refused.
/// </summary>
public sealed class SignInGate(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher,
    UnknownAccountAttempts unknown, TimeProvider clock, ILogger<SignInGate> log)
{
    private const string TokenProvider = "PrivacyDesk";
    private const string LastCodeToken = "LastTotpCode";
    private static readonly StaffUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> CodeLocks = new(StringComparer.Ordinal);

    // A hash of a random password in Identity's own format and cost, so a check against it costs what a real one does.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<StaffUser>().HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>The user when the password is right and the account usable; null in every other case, whatever the reason.</summary>
    public async Task<StaffUser?> CheckPasswordAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, DecoyHash.Value, password);
            // Someone trying many passwords on an address with no account: worth an administrator's attention (not the address itself).
            if (unknown.RecordFailure(email)) log.LogWarning("Repeated sign-in attempts for an email that has no account; it is now refused as a locked one would be");
            return null;
        }
        if (await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user, user.PasswordHash ?? DecoyHash.Value, password); // same work; the answer is no either way
            return null;
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return check.Succeeded ? user : null;
    }

    /// <summary>Checks an authenticator code and spends it: true once per code, however many sessions present it.</summary>
    public async Task<bool> SpendAuthenticatorCodeAsync(StaffUser user, string code)
    {
        var gate = CodeLocks.GetOrAdd(user.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)) return false;
            var now = clock.GetUtcNow();
            var spent = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id + ":" + code)));
            // Identity accepts a code for up to two steps either side of now: remembering it for five minutes covers its whole life.
            if (await users.GetAuthenticationTokenAsync(user, TokenProvider, LastCodeToken) is { } last
                && last.Split('|') is [var hash, var ticks]
                && hash == spent && long.TryParse(ticks, out var at) && now - new DateTimeOffset(at, TimeSpan.Zero) < TimeSpan.FromMinutes(5))
                return false;
            await users.SetAuthenticationTokenAsync(user, TokenProvider, LastCodeToken, $"{spent}|{now.UtcTicks}");
            return true;
        }
        finally { gate.Release(); }
    }
}

/// <summary>
/// Failed sign-ins for emails that have no account, counted as Identity counts real ones, so that
/// the way a login behaves over many tries is the same whether the account exists or not.
/// </summary>
public sealed class UnknownAccountAttempts(IOptions<SecurityOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts a failure; true when this one reached the lockout threshold.</summary>
    public bool RecordFailure(string email)
    {
        var now = clock.GetUtcNow();
        if (_byEmail.Count > 100_000) _byEmail.Clear(); // a flood of made-up emails must not grow memory without end
        var reached = false;
        _byEmail.AddOrUpdate(email.Trim(), _ => (1, default), (_, s) =>
        {
            if (s.Until > now) return s;
            var failures = s.Failures + 1;
            if (failures < options.Value.LockoutAttempts) return (failures, default);
            reached = true;
            return (0, now.AddMinutes(options.Value.LockoutMinutes));
        });
        return reached;
    }
}
