using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Components.Account;

/// <summary>
/// The session's claims, built from the user whenever Identity builds them: at sign-in, at
/// RefreshSignIn (after a password change) and at its periodic re-validation (every 30 minutes),
/// which replaces the claims. Deriving our two claims here keeps them right through all three:
/// - two-step verification used: sign-in asks for the code whenever it is on, so a session of such
///   a user has given it;
/// - a password change pending: set by an administrator's reset, cleared by the change.
/// </summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(TwoFactor.ClaimType, "totp"));
        if (user.MustChangePassword) identity.AddClaim(new Claim(AccountRequirements.PasswordChangeClaim, "1"));
        return identity;
    }
}
