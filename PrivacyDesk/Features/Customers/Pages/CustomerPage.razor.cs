using Microsoft.AspNetCore.Components;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Customers.Pages;

public partial class CustomerPage
{
    [Parameter] public int Id { get; set; }
    [Inject] private CustomerService Customers { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;

    private CustomerProfile? _p;
    private bool _notFound, _canAct, _messageIsError;
    private string? _message;
    private IReadOnlyList<ErasureLine>? _erasure;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IReadOnlyList<CustomerChange> _theirChanges = [];

    protected override async Task OnParametersSetAsync()
    {
        var me = await Staff.GetAsync();
        _canAct = me.IsAdmin || me.IsInRole(Roles.PrivacyOfficer);
        _erasure = null;
        _message = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _p = await Customers.GetProfileAsync(Id);
        _notFound = _p is null;
        // Dates are the merchant's: its deadlines and records are counted in its time zone.
        if (_p is not null && await Merchants.FindAsync(_p.Customer.MerchantId) is { } merchant)
            _zone = JurisdictionCodes.TimeZoneFor(merchant.Country, merchant.Province);
    }

    private async Task OnActionAsync(CustomerResult result)
    {
        _messageIsError = !result.Succeeded;
        _message = result.Succeeded ? T["Common.Saved"] : result.Error;
        if (result.Erasure is not null) _erasure = result.Erasure;
        // Every change to a customer is in its history: on a conflict, the entries this page had not seen are theirs.
        var seen = _p?.Changes.Select(c => c.Id).ToHashSet() ?? [];
        await LoadAsync();
        _theirChanges = result.Conflict && _p is not null ? _p.Changes.Where(c => !seen.Contains(c.Id)).OrderBy(c => c.At).ToList() : [];
    }

    /// <summary>The gender as recorded ("F", "M") in words; anything else as it was recorded.</summary>
    private string GenderText(string? gender) => PrivacyDesk.Features.Requests.Templates.TemplateModel.Salutation(gender) switch
    {
        "F" => T["Customers.Gender.F"],
        "M" => T["Customers.Gender.M"],
        _ => string.IsNullOrWhiteSpace(gender) ? "—" : gender,
    };
}
