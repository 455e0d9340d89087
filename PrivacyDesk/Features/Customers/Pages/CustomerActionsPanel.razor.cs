using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;

namespace PrivacyDesk.Features.Customers.Pages;

public partial class CustomerActionsPanel
{
    [Parameter, EditorRequired] public CustomerProfile Profile { get; set; } = default!;
    [Parameter] public EventCallback<CustomerResult> OnDone { get; set; }
    [Inject] private CustomerActions Actions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyList<LinkedRequest> _open = [];
    private int? _requestId;
    private string? _panel, _value, _postal, _purpose, _formError;
    private DateTime? _date;
    private bool _notify = true, _saving;
    private RectifiableField _field = RectifiableField.PostalAddress;
    private ConsentChannel _channel = ConsentChannel.Sms;
    private ConsentState _state = ConsentState.Withdrawn;
    private readonly Dictionary<string, string> _errors = [];

    private string Name => CustomerNames.Display(Profile.Customer, T);

    protected override void OnParametersSet()
    {
        var open = RequestIntake.OpenStatuses.Select(s => s.ToString()).ToHashSet();
        _open = Profile.Requests.Where(r => open.Contains(r.Status)).ToList();
        if (_requestId is int id && _open.All(r => r.Id != id)) _requestId = null;
        _requestId ??= _open.FirstOrDefault()?.Id;
        // The purpose as the record names it ("Prospection" for a French customer), so that a withdrawal withdraws that consent.
        _purpose ??= Profile.Consents.FirstOrDefault(c => c.Channel == _channel)?.Purpose ?? Profile.Consents.FirstOrDefault()?.Purpose ?? "Marketing";
    }

    private void Open(string panel)
    {
        _panel = _panel == panel ? null : panel;
        _formError = null;
        _errors.Clear();
    }

    private void OnFieldChanged(RectifiableField field)
    {
        _field = field;
        _errors.Remove("value");
        _formError = null;
        // A language or a date is chosen, not typed: start from the current one.
        if (field == RectifiableField.Language) _value = Profile.Customer.Language;
        if (field == RectifiableField.DateOfBirth) _date = Profile.Customer.DateOfBirth?.ToDateTime(TimeOnly.MinValue);
    }

    /// <summary>Checks what the form can check itself, each fault on its field; true when the request may be sent.</summary>
    private bool CheckRequest()
    {
        _errors.Clear();
        _formError = null;
        if (_requestId is null) _errors["request"] = T["Customers.RequestRequired"];
        return _errors.Count == 0;
    }

    private string? NewValue => _field == RectifiableField.DateOfBirth
        ? _date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.IsNullOrWhiteSpace(_value) ? null : _value.Trim();

    private async Task RectifyAsync()
    {
        if (_saving || !CheckRequest()) return;
        var value = NewValue;
        if (_field == RectifiableField.Email && value is not null && !UserAdminService.IsValidEmail(value)) _errors["value"] = T["Users.InvalidEmail"];
        if (_field is RectifiableField.FirstName or RectifiableField.LastName && value?.Length > 200) _errors["value"] = T.Format("Customers.TooLong", 200);
        if (_field is RectifiableField.FirstName or RectifiableField.LastName or RectifiableField.Language && value is null) _errors["value"] = T["Customers.ValueRequired"];
        if (_errors.Count > 0) return;
        _saving = true;
        try
        {
            var result = await Actions.RectifyAsync(Profile.Customer.Id, Profile.Customer.Version, _requestId!.Value, _field, value, _postal, _notify);
            if (result.Succeeded) { _panel = null; _value = _postal = null; _date = null; }
            else if (IsValueFault(result)) { _errors["value"] = result.Error!; return; }
            await OnDone.InvokeAsync(result);
        }
        finally { _saving = false; }
    }

    /// <summary>The faults of the new value itself are said on its field; the others (a conflict, a closed request) above the actions.</summary>
    private bool IsValueFault(CustomerResult result) => !result.Conflict && result.Error is { } e
        && (e == T["Customers.DateInvalid"] || e == T["Users.InvalidEmail"] || e == T["Merchants.LanguageInvalid"] || e == T["Customers.NothingChanged"]);

    private async Task ConsentAsync()
    {
        if (_saving || !CheckRequest()) return;
        if (string.IsNullOrWhiteSpace(_purpose)) { _errors["purpose"] = T["Customers.PurposeRequired"]; return; }
        _saving = true;
        try
        {
            var result = await Actions.SetConsentAsync(Profile.Customer.Id, Profile.Customer.Version, _requestId!.Value, _purpose, _channel, _state);
            if (result.Succeeded) _panel = null;
            await OnDone.InvokeAsync(result);
        }
        finally { _saving = false; }
    }

    private async Task DeactivateAsync()
    {
        if (_saving || !CheckRequest()) return;
        var reference = _open.First(r => r.Id == _requestId).Reference;
        if (!await Dialogs.ConfirmAsync(T["Customers.Deactivate"], T.Format("Customers.DeactivateConfirm", Name, reference), T["Customers.Deactivate"])) return;
        _saving = true;
        try { await OnDone.InvokeAsync(await Actions.DeactivateAsync(Profile.Customer.Id, Profile.Customer.Version, _requestId!.Value)); }
        finally { _saving = false; }
    }

    /// <summary>Erasure cannot be undone: the officer sees what it will delete, anonymise and keep, and confirms naming the person.</summary>
    private async Task EraseAsync()
    {
        if (_saving || !CheckRequest()) return;
        var preview = await Actions.PreviewErasureAsync(Profile.Customer.Id);
        var reference = _open.First(r => r.Id == _requestId).Reference;
        var held = preview.Held.Sum(l => l.Count);
        var message = string.Join(" ", new[]
        {
            T.Format("Customers.EraseConfirmNamed", Name, reference),
            T.Plural("Customers.EraseRemoves", preview.Removed),
            held > 0 ? T.Plural("Customers.EraseKeeps", held) : null,
            T["Customers.EraseIrreversible"],
        }.Where(s => s is not null));
        RenderFragment details = builder =>
        {
            builder.OpenComponent<ErasurePreviewView>(0);
            builder.AddComponentParameter(1, nameof(ErasurePreviewView.Preview), preview);
            builder.CloseComponent();
        };
        if (!await Dialogs.ConfirmAsync(T.Format("Customers.EraseTitle", Name), message, T["Customers.Erase"], danger: true, preview: details, width: MaxWidth.Medium)) return;
        _saving = true;
        try { await OnDone.InvokeAsync(await Actions.EraseAsync(Profile.Customer.Id, Profile.Customer.Version, _requestId!.Value)); }
        finally { _saving = false; }
    }
}
