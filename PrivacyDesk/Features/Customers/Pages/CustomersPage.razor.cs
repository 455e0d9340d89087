using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Customers.Pages;

public partial class CustomersPage : IDisposable
{
    [Inject] private CustomerService Customers { get; set; } = default!;
    [Inject] private CustomerActions Actions { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string? _query;
    private bool _searching, _canAct, _erasing;
    private int _tab;
    private IReadOnlyList<CustomerHit> _hits = [];
    private StaffIdentity _me = StaffIdentity.Anonymous;
    private CancellationTokenSource? _typing;
    private Dictionary<int, Merchant> _merchants = [];
    private MudDataGrid<RetentionCandidate>? _grid;
    private HashSet<RetentionCandidate> _selected = [];

    protected override async Task OnInitializedAsync()
    {
        _me = await Staff.GetAsync();
        // Only officers and administrators erase (CustomerActions checks it too): the others see the review, not the action.
        _canAct = _me.IsAdmin || _me.IsInRole(Roles.PrivacyOfficer);
        _merchants = (await Merchants.ListAsync()).ToDictionary(m => m.Id);
    }

    private string? MerchantName(int id) => _merchants.GetValueOrDefault(id)?.Name ?? _me.Merchants.FirstOrDefault(m => m.Id == id)?.Name;

    private TimeZoneInfo ZoneOf(int merchantId) =>
        _merchants.GetValueOrDefault(merchantId) is { } m ? JurisdictionCodes.TimeZoneFor(m.Country, m.Province) : TimeZoneInfo.Utc;

    // Search after a short pause, dropping answers to keystrokes already overtaken.
    private async Task OnQueryChangedAsync(string? value)
    {
        _query = value;
        _typing?.Cancel();
        _typing = new CancellationTokenSource();
        var token = _typing.Token;
        _searching = true;
        try
        {
            var hits = await Customers.SearchAsync(value ?? "", 50, token);
            if (!token.IsCancellationRequested) _hits = hits;
        }
        catch (OperationCanceledException) { }
        finally { if (!token.IsCancellationRequested) _searching = false; }
    }

    private async Task<GridData<RetentionCandidate>> LoadRetentionAsync(GridState<RetentionCandidate> state, CancellationToken ct)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var by = sort?.SortBy switch
        {
            nameof(RetentionCandidate.FullName) => RetentionSort.Name,
            nameof(RetentionCandidate.AccountNumber) => RetentionSort.Account,
            _ => RetentionSort.LastActivity,
        };
        var page = await Customers.RetentionPageAsync(state.Page * state.PageSize, state.PageSize, by, sort?.Descending ?? false, ct);
        return new GridData<RetentionCandidate> { Items = page.Items, TotalItems = page.Total };
    }

    /// <summary>
    /// The review's bulk action: the officer sees what erasing the selected customers does (per category,
    /// what a legal hold keeps), confirms with the count, and is told how many were erased and how many left.
    /// </summary>
    private async Task EraseSelectedAsync()
    {
        if (_erasing || _selected.Count == 0) return;
        _erasing = true;
        try
        {
            var chosen = _selected.ToList();
            var preview = await Actions.PreviewErasureAsync(chosen.Select(c => c.Id).ToList());
            var held = preview.Held.Sum(l => l.Count);
            var message = string.Join(" ", new[]
            {
                chosen.Count == 1 ? T.Format("Retention.EraseOne", chosen[0].FullName) : T.Plural("Retention.EraseMany", chosen.Count),
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
            var confirm = chosen.Count == 1 ? T["Customers.Erase"] : T.Plural("Retention.EraseButton", chosen.Count);
            if (!await Dialogs.ConfirmAsync(T["Retention.EraseTitle"], message, confirm, danger: true, preview: details, width: MaxWidth.Medium)) return;

            var result = await Actions.EraseForRetentionAsync(chosen.Select(c => (c.Id, c.Version)).ToList());
            if (result.Erased > 0) Snackbar.Add(T.Plural("Retention.Erased", result.Erased), Severity.Success);
            if (result.Skipped > 0) Snackbar.Add(T.Plural("Retention.Skipped", result.Skipped), Severity.Warning);
            foreach (var error in result.Errors) Snackbar.Add(error, Severity.Error);
            _selected = [];
            if (_grid is not null) await _grid.ReloadServerData();
        }
        finally { _erasing = false; }
    }

    public void Dispose()
    {
        _typing?.Cancel();
        _typing?.Dispose();
    }
}
