using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Breaches.Pages;

/// <summary>One incident: its clocks, facts, people, risk, filings, notices and timeline. Officers and admins act; managers read.</summary>
public partial class IncidentPage
{
    [Inject] private BreachService Breaches { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter] public int Id { get; set; }

    private IncidentView? _view;
    private bool _canHandle, _ok, _notFound, _saving;
    private string? _message;
    private Timer? _tick;

    protected override async Task OnParametersSetAsync()
    {
        var me = await Staff.GetAsync();
        _canHandle = me.IsInRole(Roles.Admin) || me.IsInRole(Roles.PrivacyOfficer);
        await ReloadAsync();
        // The countdown moves while the page is open.
        _tick ??= new Timer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private async Task ReloadAsync()
    {
        _view = await Breaches.GetAsync(Id);
        _notFound = _view is null;
    }

    private async Task Show(BreachResult r, string? success = null)
    {
        _ok = r.Succeeded;
        _message = r.Succeeded ? success : r.Error;
        await ReloadAsync();
    }

    private async Task StatusAsync(IncidentStatus s)
    {
        if (_saving || _view is null) return;
        _saving = true;
        try { await Show(await Breaches.SetStatusAsync(Id, _view.Incident.Version, s), T.Format("Breach.StatusSet", T[$"IncidentStatus.{s}"])); }
        finally { _saving = false; }
    }

    private async Task PurgeAsync()
    {
        if (_saving || _view is null) return;
        var people = _view.People.Count;
        if (!await Dialogs.ConfirmAsync(T["Breach.Purge"], $"{T.Plural("Breach.PurgeCount", people, people, _view.Incident.Reference)} {T["Breach.PurgeConfirm"]}",
                T["Breach.Purge"], danger: true))
            return;
        _saving = true;
        try { await Show(await Breaches.PurgePersonalDataAsync(Id), T["Breach.Purged"]); }
        finally { _saving = false; }
    }

    private Task NoticesSentAsync(BreachResult r) => Show(r, T.Format("Breach.NoticesDone", r.Count));

    private async Task EditAsync()
    {
        if (_view is null) return;
        var saved = await Dialogs.AskAsync<IncidentForm, int>(_view.Incident.Reference, new DialogParameters<IncidentForm>
        {
            { x => x.Incident, _view.Incident }, { x => x.Title, T.Format("Common.EditNamed", _view.Incident.Reference) },
        }, MaxWidth.Medium);
        if (saved != 0) await ReloadAsync();
    }

    public void Dispose() => _tick?.Dispose();
}
