using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Breaches.Pages;

/// <summary>
/// Creates or edits an incident. Times are typed on the merchant's wall clock and saved as instants; the service
/// checks them (occurred &lt;= aware &lt;= now, contained after it began) and its messages show on the fields.
/// Closes with the incident's id.
/// </summary>
public partial class IncidentForm
{
    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;
    [Inject] private BreachService Breaches { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;

    /// <summary>The incident to edit; null for a new one.</summary>
    [Parameter] public Incident? Incident { get; set; }
    [Parameter] public string Title { get; set; } = "";

    private IReadOnlyList<Merchant> _merchants = [];
    private int _merchantId;
    private string _title = "", _description = "", _cause = "", _discovered = "", _systems = "", _information = "", _measures = "", _planned = "", _advice = "";
    private string _consequences = "", _otherAuthorities = "";
    private string? _delay, _error, _publicReason;
    private int? _records;
    private Dictionary<string, string> _translation = [];
    private DateTime? _from, _to, _aware, _contained;
    private bool _public, _saving;
    private IReadOnlyCollection<DataCategory> _categories = [];
    private Dictionary<string, string> _errors = [];
    private Incident? _theirs;

    private Merchant? Merchant => _merchants.FirstOrDefault(m => m.Id == _merchantId);
    private string FactsLanguage => Incident?.FactsLanguage ?? (Merchant?.DefaultLanguage == "en" ? "en" : "fr");
    private string OtherLanguage => IncidentFacts.Other(FactsLanguage);

    /// <summary>The merchant's zone: times are entered and shown on its clock, as its staff lived the incident.</summary>
    private TimeZoneInfo Zone => Merchant is { } m ? IncidentTimes.ZoneOf(m) : TimeZoneInfo.Utc;
    private DateTime Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Zone).Date;

    private string ZoneText
    {
        get
        {
            var offset = Zone.GetUtcOffset(DateTimeOffset.UtcNow);
            return $"{Zone.Id}, UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset.Duration():hh\\:mm}";
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);
    private string? Err(string field) => _errors.GetValueOrDefault(field);

    protected override async Task OnInitializedAsync()
    {
        _merchants = await Merchants.ListAsync();
        var me = await Staff.GetAsync();
        _merchantId = me.SelectedMerchantId is int selected && _merchants.Any(m => m.Id == selected) ? selected : _merchants.FirstOrDefault()?.Id ?? 0;
        if (Incident is { } i) Load(i);
        else _aware = IncidentTimes.ToLocal(DateTimeOffset.UtcNow, Zone);
    }

    private void Load(Incident i)
    {
        (_merchantId, _title, _description, _cause, _discovered, _systems) = (i.MerchantId, i.Title, i.Description, i.Cause, i.HowDiscovered, i.Systems);
        (_information, _measures, _planned, _advice, _delay, _public) = (i.InformationInvolved, i.MeasuresTaken, i.MeasuresPlanned, i.AdviceToPersons, i.ReasonsForDelay, i.PublicNotice);
        (_consequences, _records, _otherAuthorities, _publicReason) = (i.LikelyConsequences, i.ApproximateRecords, i.OtherAuthorities, i.PublicNoticeReason);
        _translation = IncidentFacts.Translations(i).ToDictionary();
        // After the merchant is known: its zone turns the stored instants into its wall-clock times.
        var zone = Zone;
        (_from, _to, _aware, _contained) = (IncidentTimes.ToLocal(i.OccurredFrom, zone), IncidentTimes.ToLocal(i.OccurredTo, zone),
            IncidentTimes.ToLocal(i.AwareAt, zone), IncidentTimes.ToLocal(i.ContainedAt, zone));
        _categories = i.DataCategories.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Enum.TryParse<DataCategory>(c, out var v) ? v : (DataCategory?)null).OfType<DataCategory>().ToList();
    }

    private async Task SaveAsync()
    {
        if (_saving) return;
        _saving = true;
        try
        {
            _error = null;
            _errors = [];
            if (_aware is null)
            {
                // The 72 hours run from it: an empty field is not "now".
                _errors[nameof(IncidentInput.AwareAt)] = T["Breach.AwareRequired"];
                return;
            }
            var zone = Zone;
            var input = new IncidentInput(_merchantId, _title ?? "", _description ?? "", _cause ?? "", _discovered ?? "",
                IncidentTimes.ToUtc(_from, zone), IncidentTimes.ToUtc(_to, zone), IncidentTimes.ToUtc(_aware, zone)!.Value, IncidentTimes.ToUtc(_contained, zone),
                _systems ?? "", _categories.ToList(), _information ?? "", _measures ?? "", _planned ?? "", _advice ?? "", _delay, _public, _consequences ?? "",
                _records, _otherAuthorities ?? "", _publicReason, _translation);
            var result = Incident is null ? await Breaches.CreateAsync(input) : await Breaches.UpdateAsync(Incident.Id, Incident.Version, input);
            if (result.Succeeded)
            {
                MudDialog.Close(DialogResult.Ok(result.Id ?? Incident?.Id ?? 0));
                return;
            }
            _errors = result.FieldErrors?.ToDictionary() ?? [];
            // Said on the field, and beside the Save button too: the field may be scrolled out of sight.
            _error = result.Conflict ? null : result.Error;
            _theirs = result.Conflict ? (await Breaches.GetAsync(Incident!.Id))?.Incident : null;
        }
        finally { _saving = false; }
    }

    private void Cancel() => MudDialog.Cancel();

    /// <summary>Drop my edits and take the saved version.</summary>
    private void LoadTheirs()
    {
        Load(_theirs!);
        Incident = _theirs;
        _theirs = null;
    }

    /// <summary>Keep my edits, having seen theirs: the next save is made against their version, on purpose.</summary>
    private void KeepMine()
    {
        Incident = _theirs;
        _theirs = null;
    }
}
