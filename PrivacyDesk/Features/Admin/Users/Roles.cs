namespace PrivacyDesk.Features.Admin.Users;

/// <summary>The four roles. Constants so that [Authorize(Roles = ...)] attributes can use them.</summary>
public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string PrivacyOfficer = nameof(PrivacyOfficer);
    public const string SupportRep = nameof(SupportRep);
    public const string Manager = nameof(Manager);

    public const string OfficerOrAdmin = Admin + "," + PrivacyOfficer;
    public const string AnyStaff = Admin + "," + PrivacyOfficer + "," + SupportRep + "," + Manager;

    public static IReadOnlyList<string> All { get; } = [Admin, PrivacyOfficer, SupportRep, Manager];
}
