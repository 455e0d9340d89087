using Microsoft.AspNetCore.Components;
using PrivacyDesk.Features.Admin.Merchants;

namespace PrivacyDesk.Features.Notices.Pages;

public partial class PoliciesPage
{
    [Inject] private PolicyService Policies { get; set; } = default!;
    [Inject] private CampaignService Campaigns { get; set; } = default!;
    [Inject] private MerchantService MerchantList { get; set; } = default!;

    private IReadOnlyList<Merchant> _merchants = [];
    private IReadOnlyList<PolicyVersion> _versions = [];
    private Dictionary<int, CampaignProgress> _campaigns = [];
    private PolicyVersion? _selected;
    private bool _editing;

    protected override async Task OnInitializedAsync()
    {
        _merchants = await MerchantList.ListAsync();
        await LoadAsync();
        _selected = _versions.FirstOrDefault();
    }

    private async Task LoadAsync()
    {
        _versions = await Policies.ListAsync();
        await RefreshCampaignsAsync();
    }

    private async Task RefreshCampaignsAsync() => _campaigns = await Campaigns.ForVersionsAsync(_versions.Select(v => v.Id));

    private void Select(PolicyVersion v) => (_selected, _editing) = (v, false);

    private void New() => (_selected, _editing) = (null, true);

    private async Task SavedAsync(int id)
    {
        _editing = false;
        await LoadAsync();
        _selected = _versions.FirstOrDefault(v => v.Id == id);
    }

    private string MerchantName(int id) => _merchants.FirstOrDefault(m => m.Id == id)?.Name ?? "";

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private string Kind(PolicyVersion v) => string.Join(" · ", new[]
    {
        v.Substantial ? T["Policies.Substantial"] : T["Policies.Minor"],
        v.LowersProtection ? T["Policies.LowersProtection"] : null,
    }.Where(x => x is not null));

    private string Status(PolicyVersion v) => _campaigns.GetValueOrDefault(v.Id) is { } c
        ? T.Format($"Campaign.Status.{c.Campaign.Status}", c.Done, c.Campaign.RecipientCount)
        : T["Policies.NotNoticed"];
}
