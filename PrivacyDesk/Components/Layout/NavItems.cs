using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Components.Layout;

/// <summary>The navigation entries and the roles that see them; features add theirs here as they land.</summary>
public static class NavItems
{
    public sealed record Item(string TextKey, string Icon, string Path, string[] Roles);

    public static IReadOnlyList<Item> All { get; } =
    [
        new("Nav.Queue", "inbox", "requests", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep, Roles.Manager]),
        new("Requests.Log", "add_call", "requests/new", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep]),
        new("Nav.Mail", "mark_email_unread", "mail", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep]),
        new("Nav.Reports", "bar_chart", "reports", [Roles.Admin, Roles.PrivacyOfficer, Roles.Manager]),
        new("Nav.Incidents", "gpp_maybe", "incidents", [Roles.Admin, Roles.PrivacyOfficer, Roles.Manager]),
        new("Nav.Customers", "groups", "customers", [Roles.Admin, Roles.PrivacyOfficer, Roles.SupportRep]),
        new("Nav.Import", "upload_file", "customers/import", [Roles.Admin, Roles.PrivacyOfficer]),
        new("Nav.Users", "manage_accounts", "admin/users", [Roles.Admin]),
        new("Nav.Merchants", "storefront", "admin/merchants", [Roles.Admin]),
        new("Nav.Templates", "article", "admin/templates", [Roles.Admin]),
        new("Nav.Inventory", "inventory_2", "admin/inventory", [Roles.Admin]),
        new("Nav.ApiKeys", "key", "admin/api-keys", [Roles.Admin]),
        new("Nav.Mailboxes", "mail_lock", "admin/mailboxes", [Roles.Admin]),
    ];

    public static IEnumerable<Item> For(StaffIdentity me) => All.Where(i => i.Roles.Any(me.IsInRole));
}
