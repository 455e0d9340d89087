namespace PrivacyDesk.Features.Admin.Users;

/// <summary>The four roles. Constants so that [Authorize(Roles = ...)] attributes can use them.</summary>
public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string PrivacyOfficer = nameof(PrivacyOfficer);
    public const string SupportRep = nameof(SupportRep);
    public const string Manager = nameof(Manager);

    public const string OfficerOrAdmin = Admin + "," + PrivacyOfficer;
    /// <summary>
    /// Who may open what people wrote or were sent (mail, attachments, documents). Managers oversee
    /// deadlines and figures: they see that a message or file exists, never its content, on pages and downloads alike.
    /// </summary>
    public const string ContentReaders = Admin + "," + PrivacyOfficer + "," + SupportRep;
    public const string AnyStaff = Admin + "," + PrivacyOfficer + "," + SupportRep + "," + Manager;

    public static IReadOnlyList<string> All { get; } = [Admin, PrivacyOfficer, SupportRep, Manager];
}
