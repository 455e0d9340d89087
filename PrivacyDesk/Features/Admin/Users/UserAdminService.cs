using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Admin.Users;

public sealed record StaffUserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles,
    IReadOnlyList<int> MerchantIds, bool IsLockedOut, bool MustChangePassword, DateTimeOffset? LastSignInAt)
{
    /// <summary>Invited, and no password chosen yet: the account cannot be signed in to.</summary>
    public bool AwaitsPassword { get; init; }

    /// <summary>The user's interface language (fr-CA or en-CA), so that editing their access keeps it.</summary>
    public string PreferredCulture { get; init; } = Cultures.English;
}

public sealed record StaffUserInput(string Email, string DisplayName, string PreferredCulture,
    IReadOnlyList<string> Roles, IReadOnlyList<int> MerchantIds);

/// <summary>The outcome of a user operation: errors are already in the user's language.</summary>
public sealed record UserResult(bool Succeeded, IReadOnlyList<string> Errors, string? UserId = null, InvitationOutcome? Invitation = null)
{
    /// <summary>The errors that belong to one field of the form (keyed by <see cref="StaffUserInput"/>'s property names), shown on that field.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    public static UserResult Ok(string? userId = null, InvitationOutcome? invitation = null) => new(true, [], userId, invitation);
    public static UserResult Fail(params string[] errors) => new(false, errors);
    public static UserResult FailOn(string field, string error) => new(false, [error]) { FieldErrors = new Dictionary<string, string> { [field] = error } };
}

/// <summary>What the user form hands back to its page: for a new user, whether their invitation went out.</summary>
public sealed record UserFormSaved(string Email, InvitationOutcome? Invitation);

/// <summary>Staff accounts: invite, roles, merchants, lock/unlock, send a new password link. Admin only.</summary>
public sealed class UserAdminService(
    UserManager<StaffUser> users,
    StaffInvitations invitations,
    IDbContextFactory<PrivacyDeskDbContext> factory,
    CurrentStaff staff,
    StaffSessions sessions,
    UiText text,
    TimeProvider clock)
{
    public async Task<bool> AnyUserExistsAsync() => await users.Users.AnyAsync();

    /// <summary>The one-time setup: works only while the installation has no user at all.</summary>
    public async Task<UserResult> CreateFirstAdminAsync(string email, string password, string displayName)
    {
        if (await AnyUserExistsAsync()) return UserResult.Fail(text["Setup.Closed"]);
        return await CreateAsync(new StaffUserInput(email, displayName, Cultures.English, [Roles.Admin], []), password, AuditActor.System);
    }

    public async Task<IReadOnlyList<StaffUserRow>> ListAsync(CancellationToken ct = default)
    {
        await RequireAdminAsync(ct);
        await using var db = factory.CreateSystemContext();
        var now = clock.GetUtcNow();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.MustChangePassword, u.LastSignInAt, u.PreferredCulture, AwaitsPassword = u.PasswordHash == null,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Merchants = u.Merchants.Select(m => m.MerchantId).ToList(),
            }).ToListAsync(ct);
        return rows.Select(r => new StaffUserRow(r.Id, r.Email ?? "", r.DisplayName, r.Roles, r.Merchants,
            r.LockoutEnd is { } end && end > now, r.MustChangePassword, r.LastSignInAt) { PreferredCulture = r.PreferredCulture, AwaitsPassword = r.AwaitsPassword }).ToList();
    }

    /// <summary>
    /// Creates the account without a password and emails the person a link to choose one
    /// (<paramref name="appBase"/>: the address staff open the app at).
    /// </summary>
    public async Task<UserResult> CreateByAdminAsync(StaffUserInput input, Uri appBase, CancellationToken ct = default)
    {
        var me = await RequireAdminAsync(ct);
        var result = await CreateAsync(input, password: null, me.Actor);
        if (!result.Succeeded) return result;
        var user = (await users.FindByIdAsync(result.UserId!))!;
        var invitation = await invitations.SendAsync(user, appBase, me.DisplayName, reset: false, ct);
        await AuditAsync(me.Actor, invitation.Sent ? "user.invitation-sent" : "user.invitation-not-sent", user.Id, new { user.Email, error = invitation.Error });
        return result with { Invitation = invitation };
    }

    /// <summary>Creates a user with a known password (CLI `create-admin`, first-run setup, demo data), or with none (an invitation).</summary>
    public async Task<UserResult> CreateAsync(StaffUserInput input, string? password, AuditActor actor, bool mustChangePassword = false)
    {
        var invalid = Validate(input);
        if (invalid is not null) return invalid;

        // Composed form (NFC): "é" typed as one character or as e + accent is the same address, at sign-in too.
        var email = input.Email.Trim().Normalize();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? email : input.DisplayName.Trim(),
            PreferredCulture = Cultures.Normalize(input.PreferredCulture),
            MustChangePassword = mustChangePassword,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var errors = created.Errors.Select(e => IdentityErrorText.Describe(e, text)).ToArray();
            // A taken or refused address is the email field's fault: said there.
            var onEmail = created.Errors.FirstOrDefault(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
                or nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName));
            return onEmail is null
                ? UserResult.Fail(errors)
                : new UserResult(false, errors) { FieldErrors = new Dictionary<string, string> { [nameof(StaffUserInput.Email)] = IdentityErrorText.Describe(onEmail, text) } };
        }

        await users.AddToRolesAsync(user, input.Roles.Distinct());
        await using var db = factory.CreateSystemContext(actor);
        db.UserMerchants.AddRange(input.MerchantIds.Distinct().Select(id => new UserMerchant { UserId = user.Id, MerchantId = id }));
        db.Audit("user.created", "StaffUser", user.Id, null, new { user.Email, roles = input.Roles, merchants = input.MerchantIds });
        await db.SaveChangesAsync();
        return UserResult.Ok(user.Id);
    }

    public async Task<UserResult> UpdateAccessAsync(string userId, StaffUserInput input, CancellationToken ct = default)
    {
        var me = await RequireAdminAsync(ct);
        var invalid = Validate(input);
        if (invalid is not null) return invalid;
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserResult.Fail(text["Users.NotFound"]);
        if (user.Id == me.UserId && !input.Roles.Contains(Roles.Admin))
            return UserResult.FailOn(nameof(StaffUserInput.Roles), text["Users.CannotDemoteSelf"]);

        var beforeRoles = await users.GetRolesAsync(user);
        user.DisplayName = input.DisplayName.Trim();
        user.PreferredCulture = Cultures.Normalize(input.PreferredCulture);
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, beforeRoles.Except(input.Roles));
        await users.AddToRolesAsync(user, input.Roles.Except(beforeRoles));

        await using var db = factory.CreateSystemContext(me.Actor);
        var beforeMerchants = await db.UserMerchants.Where(m => m.UserId == userId).ToListAsync(ct);
        db.UserMerchants.RemoveRange(beforeMerchants.Where(m => !input.MerchantIds.Contains(m.MerchantId)));
        db.UserMerchants.AddRange(input.MerchantIds.Distinct().Where(id => beforeMerchants.All(m => m.MerchantId != id))
            .Select(id => new UserMerchant { UserId = userId, MerchantId = id }));
        db.Audit("user.access-changed", "StaffUser", userId, null, new
        {
            before = new { roles = beforeRoles, merchants = beforeMerchants.Select(m => m.MerchantId) },
            after = new { roles = input.Roles, merchants = input.MerchantIds },
        });
        await db.SaveChangesAsync(ct);
        // Changing roles or merchants ends the user's open sessions: they sign in again with the new access.
        var accessChanged = !beforeRoles.ToHashSet().SetEquals(input.Roles)
                            || !beforeMerchants.Select(m => m.MerchantId).ToHashSet().SetEquals(input.MerchantIds);
        // An administrator editing their own access keeps their session (they cannot remove their own Admin role).
        if (accessChanged && user.Id != me.UserId) await sessions.EndAllAsync(users, user);
        return UserResult.Ok(userId);
    }

    public async Task<UserResult> SetLockedAsync(string userId, bool locked, CancellationToken ct = default)
    {
        var me = await RequireAdminAsync(ct);
        if (userId == me.UserId) return UserResult.Fail(text["Users.CannotLockSelf"]);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserResult.Fail(text["Users.NotFound"]);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked) await users.ResetAccessFailedCountAsync(user);
        await sessions.EndAllAsync(users, user);
        await AuditAsync(me.Actor, locked ? "user.locked" : "user.unlocked", userId);
        return UserResult.Ok(userId);
    }

    /// <summary>
    /// Removes the password (it stops working at once, and every session ends) and emails a link to choose
    /// a new one: for a forgotten password, a suspected leak, or an invitation that expired.
    /// </summary>
    public async Task<UserResult> ResetPasswordAsync(string userId, Uri appBase, CancellationToken ct = default)
    {
        var me = await RequireAdminAsync(ct);
        // One's own password is changed knowing the current one; a reset would end this very session before its result is shown.
        if (userId == me.UserId) return UserResult.Fail(text["Users.CannotResetSelf"]);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserResult.Fail(text["Users.NotFound"]);
        var hadPassword = await users.HasPasswordAsync(user);
        // Someone invited who never chose a password gets the invitation again; anyone else is told their password was reset.
        bool invitee;
        await using (var db = factory.CreateSystemContext())
        {
            var history = await db.AuditEntries.Where(a => a.EntityType == "StaffUser" && a.EntityId == userId
                && (a.Action == "user.invitation-sent" || a.Action == "user.invitation-not-sent" || a.Action == "user.password-set")).Select(a => a.Action).ToListAsync(ct);
            invitee = !hadPassword && history.Count > 0 && !history.Contains("user.password-set");
        }
        if (hadPassword)
        {
            var removed = await users.RemovePasswordAsync(user);
            if (!removed.Succeeded) return UserResult.Fail(removed.Errors.Select(e => IdentityErrorText.Describe(e, text)).ToArray());
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // A new stamp: any link sent before this one stops working.
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(users, user);
        var invitation = await invitations.SendAsync(user, appBase, me.DisplayName, reset: !invitee, ct);
        await AuditAsync(me.Actor, "user.password-reset", userId, new { user.Email, linkSent = invitation.Sent, error = invitation.Error });
        return UserResult.Ok(userId, invitation);
    }

    /// <summary>A random password that meets the policy: 18 characters from an unambiguous alphabet.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[18];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>The longest address Identity stores as a user name.</summary>
    public const int MaxEmail = 256, MaxDisplayName = 200;

    /// <summary>
    /// Staff addresses follow the same rule as requesters' (<see cref="Requests.RequestIntake.LooksLikeEmail"/>):
    /// an internationalised address such as jérôme.côté@exemple.ca is accepted for both.
    /// </summary>
    public static bool IsValidEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && Requests.RequestIntake.LooksLikeEmail(email.Trim());

    private UserResult? Validate(StaffUserInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Email)) return UserResult.FailOn(nameof(StaffUserInput.Email), text["Users.EmailRequired"]);
        if (input.Email.Trim().Length > MaxEmail) return UserResult.FailOn(nameof(StaffUserInput.Email), text.Format("Users.EmailTooLong", MaxEmail));
        if (!IsValidEmail(input.Email)) return UserResult.FailOn(nameof(StaffUserInput.Email), text["Users.InvalidEmail"]);
        if (input.DisplayName?.Trim().Length > MaxDisplayName) return UserResult.FailOn(nameof(StaffUserInput.DisplayName), text.Format("Users.NameTooLong", MaxDisplayName));
        if (input.Roles.Count == 0) return UserResult.FailOn(nameof(StaffUserInput.Roles), text["Users.NeedsRole"]);
        if (input.Roles.Any(r => !Roles.All.Contains(r))) return UserResult.FailOn(nameof(StaffUserInput.Roles), text["Users.UnknownRole"]);
        var needsMerchant = !input.Roles.Contains(Roles.Admin);
        if (needsMerchant && input.MerchantIds.Count == 0) return UserResult.FailOn(nameof(StaffUserInput.MerchantIds), text["Users.NeedsMerchant"]);
        return null;
    }

    private async Task AuditAsync(AuditActor actor, string action, string userId, object? details = null)
    {
        await using var db = factory.CreateSystemContext(actor);
        db.Audit(action, "StaffUser", userId, null, details);
        await db.SaveChangesAsync();
    }

    private async Task<StaffIdentity> RequireAdminAsync(CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!me.IsAdmin) throw new UnauthorizedAccessException("Only an administrator can manage users.");
        return me;
    }
}
