using Microsoft.AspNetCore.Identity;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Admin.Users;

/// <summary>Identity's error codes in the user's language (Identity's own texts are English only).</summary>
public static class IdentityErrorText
{
    public static string Describe(IdentityError error, UiText text) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => text["Password.TooShort"],
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => text["Password.NeedsDigit"],
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => text["Password.NeedsLower"],
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => text["Password.NeedsUpper"],
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => text["Password.NeedsUnique"],
        nameof(IdentityErrorDescriber.PasswordMismatch) => text["Password.Mismatch"],
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => text["Users.DuplicateEmail"],
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => text["Users.InvalidEmail"],
        _ => error.Description,
    };
}
