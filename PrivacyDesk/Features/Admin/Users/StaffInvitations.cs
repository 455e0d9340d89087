using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PrivacyDesk.Features.Intake;
using PrivacyDesk.Features.Intake.Outbox;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Admin.Users;

/// <summary>
/// The set-password link, and whether the email carrying it went out. When it did not (no mail server
/// yet, a refused address), the administrator is shown the link to pass on another way.
/// </summary>
public sealed record InvitationOutcome(bool Sent, string Link, string? Error);

/// <summary>
/// Invitations and password resets by email: nobody, the administrator included, ever knows the new
/// user's password. The link opens /account/set-password, works once and for seven days.
/// Sent at once rather than through the outbox: the outbox belongs to a merchant's requests, and the
/// administrator needs to know now whether the message left, to fall back on giving the link by hand.
/// </summary>
public sealed class StaffInvitations(UserManager<StaffUser> users, IMailTransport mail, IOptions<MailOptions> mailOptions,
    UiText text, TimeProvider clock, ILogger<StaffInvitations> log, StaffSessions sessions,
    Microsoft.EntityFrameworkCore.IDbContextFactory<Data.PrivacyDeskDbContext> factory)
{
    public const string Purpose = "set-password";

    public async Task<InvitationOutcome> SendAsync(StaffUser user, Uri appBase, string invitedBy, bool reset, CancellationToken ct = default)
    {
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, Purpose);
        var link = LinkFor(appBase, user.Id, token);
        var language = Cultures.Normalize(user.PreferredCulture) == Cultures.French ? "fr" : "en";
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName;
        var body = string.Format(text.Get(reset ? "Invitation.ResetBody" : "Invitation.Body", language), name, invitedBy, user.Email, link,
            (int)InvitationTokenOptions.Lifespan.TotalDays);
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Kind = OutboxKind.Notice,
            FromAddress = mailOptions.Value.DefaultFrom,
            FromName = "PrivacyDesk",
            ToAddress = user.Email!,
            ToName = name,
            Subject = text.Get(reset ? "Invitation.ResetSubject" : "Invitation.Subject", language),
            BodyText = body,
            Language = language,
            MessageIdHeader = $"staff.{Guid.NewGuid():N}@privacydesk",
            CreatedAt = now,
            NextAttemptAt = now,
        };
        try
        {
            await mail.SendAsync(message, [], ct);
            return new InvitationOutcome(true, link, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The link itself is a credential: logged never, only that sending failed and why.
            log.LogWarning("Set-password email to user {UserId} not sent: {Error}", user.Id, Hosting.LogSafe.Redact(e.Message));
            return new InvitationOutcome(false, link, e.Message);
        }
    }

    public static string LinkFor(Uri appBase, string userId, string token) =>
        new Uri(appBase, $"account/set-password?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}").ToString();

    /// <summary>Whether the link is still good (unexpired, unused, for this user): the page asks before showing its form.</summary>
    public async Task<StaffUser?> FindValidAsync(string? userId, string? token)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || userId.Length > 100 || token.Length > 2000) return null;
        var user = await users.FindByIdAsync(userId);
        return user is not null && await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, Purpose, token) ? user : null;
    }

    /// <summary>
    /// Sets the password chosen through a valid link: checked against the policy before any old password is
    /// touched; the new security stamp ends this link (and any sent before) and every session. Returns the
    /// problems in the reader's language, or none.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChoosePasswordAsync(StaffUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded) return check.Errors.Select(e => IdentityErrorText.Describe(e, text)).ToList();
        }
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded) return added.Errors.Select(e => IdentityErrorText.Describe(e, text)).ToList();
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await sessions.EndAllAsync(users, user);
        await using var db = Data.DbContextFactoryExtensions.CreateSystemContext(factory,
            new Data.AuditActor(user.Id, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName));
        db.Audit("user.password-set", "StaffUser", user.Id, null, new { user.Email });
        await db.SaveChangesAsync();
        return [];
    }
}
