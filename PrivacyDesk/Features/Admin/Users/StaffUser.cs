using Microsoft.AspNetCore.Identity;

namespace PrivacyDesk.Features.Admin.Users;

/// <summary>A member of staff who signs in: privacy officer, support rep, manager or admin.</summary>
public class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>UI culture remembered across sessions: fr-CA or en-CA.</summary>
    public string PreferredCulture { get; set; } = "en-CA";

    /// <summary>The merchant chosen in the switcher; null means all of the user's merchants.</summary>
    public int? SelectedMerchantId { get; set; }

    /// <summary>Set when an admin resets the password: the user must choose a new one at next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }

    public List<UserMerchant> Merchants { get; set; } = [];
}

/// <summary>Assignment of a staff user to a merchant whose data they may see.</summary>
public class UserMerchant
{
    public required string UserId { get; set; }
    public int MerchantId { get; set; }
}
