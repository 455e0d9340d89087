using MudBlazor;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Components.Layout;

/// <summary>The navigation entries and the roles that see them; features add theirs here as they land.</summary>
public static class NavItems
{
    public sealed record Item(string TextKey, string Icon, string Path, string[] Roles);

    public static IReadOnlyList<Item> All { get; } =
    [
        new("Nav.Queue", Icons.Material.Outlined.Inbox, "requests", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep, Roles.Manager]),
        new("Requests.Log", Icons.Material.Outlined.AddIcCall, "requests/new", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep]),
        new("Nav.Mail", Icons.Material.Outlined.MarkEmailUnread, "mail", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep]),
        new("Nav.Reports", Icons.Material.Outlined.BarChart, "reports", [Roles.Admin, Roles.PrivacyOfficer, Roles.Manager]),
        new("Nav.Incidents", Icons.Material.Outlined.GppMaybe, "incidents", [Roles.Admin, Roles.PrivacyOfficer, Roles.Manager]),
        new("Nav.Customers", Icons.Material.Outlined.Groups, "customers", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep]),
        new("Nav.Import", Icons.Material.Outlined.UploadFile, "customers/import", [Roles.Admin, Roles.PrivacyOfficer]),
        new("Nav.Policies", Icons.Material.Outlined.Policy, "policies", [Roles.Admin, Roles.PrivacyOfficer]),
        new("Nav.Audit", Icons.Material.Outlined.History, "audit", [Roles.Admin, Roles.PrivacyOfficer]),
        new("Nav.Users", Icons.Material.Outlined.ManageAccounts, "admin/users", [Roles.Admin]),
        new("Nav.Merchants", Icons.Material.Outlined.Storefront, "admin/merchants", [Roles.Admin]),
        new("Nav.Templates", Icons.Material.Outlined.Article, "admin/templates", [Roles.Admin]),
        new("Nav.Inventory", Icons.Material.Outlined.Inventory2, "admin/inventory", [Roles.Admin]),
        new("Nav.ApiKeys", Icons.Material.Outlined.Key, "admin/api-keys", [Roles.Admin]),
        new("Nav.Mailboxes", Icons.Material.Outlined.MailLock, "admin/mailboxes", [Roles.Admin]),
    ];

    public static IEnumerable<Item> For(StaffIdentity me) => All.Where(i => i.Roles.Any(me.IsInRole));

    /// <summary>True when another entry lives under this one ("requests/new" under "requests"): it is then active on its own path only.</summary>
    public static bool HasChildPaths(Item item) => All.Any(other => other.Path.StartsWith(item.Path + "/", StringComparison.Ordinal));
}
