using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Queue;

namespace PrivacyDesk.Features.Requests.Pages;

/// <summary>
/// The queue. Its view (filters, order, page) lives in the address bar (<see cref="QueueUrl"/>): a reload, the Back
/// button from a request or a shared link shows the same list. It fits a 1280 px laptop with the menu open (fixed
/// column widths, text that wraps or ends in an ellipsis, the merchant under the reference), and the columns one
/// hides are remembered in the browser (localStorage). Keyboard: "/" searches, j/k move between rows, Enter opens one.
/// </summary>
public partial class QueuePage : IDisposable
{
    [Inject] private RequestQueue Queue { get; set; } = default!;
    [Inject] private RequestWorkflow Workflow { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;
    [Inject] private MerchantService MerchantService { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? TypeParam { get; set; }
    [SupplyParameterFromQuery(Name = "merchant")] public string? MerchantParam { get; set; }
    [SupplyParameterFromQuery(Name = "assignee")] public string? AssigneeParam { get; set; }
    [SupplyParameterFromQuery(Name = "due")] public string? Due { get; set; }
    [SupplyParameterFromQuery(Name = "search")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] public string? Sort { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }
    [SupplyParameterFromQuery(Name = "lang")] public string? Lang { get; set; }
    [SupplyParameterFromQuery(Name = "law")] public string? Law { get; set; }

    /// <summary>The columns one may hide (the reference, which opens the request, always shows).</summary>
    private enum QueueColumn { Due, Requester, Type, Status, Law, Language, Channel, Merchant, Assignee, Received }

    private static readonly QueueColumn[] AllHideable = Enum.GetValues<QueueColumn>();
    private static readonly QueueColumn[] HiddenByDefault = [QueueColumn.Language, QueueColumn.Channel];
    private const string ColumnsKey = "pd.queue.hiddenColumns";

    private StaffIdentity _me = StaffIdentity.Anonymous;
    private QueueView _view = QueueView.Default;
    private string? _shownKey;
    /// <summary>Addresses written by the page and not yet come back through the router.</summary>
    private readonly Queue<string> _pendingKeys = new();
    /// <summary>The view of the address the router last delivered.</summary>
    private string? _addressKey;
    private IReadOnlyList<QueueRow> _rows = [];
    private int _total;
    private bool _loading, _loadedOnce;
    private int _loadVersion;
    private readonly HashSet<int> _selected = [];
    private IReadOnlyList<Assignee> _assignees = [];
    private Dictionary<int, Merchant> _merchants = [];
    private string? _bulkAssignee;
    private bool _assigning;
    private bool _canAssign, _canLog, _multiMerchant;
    private HashSet<QueueColumn> _hidden = [.. HiddenByDefault];
    private bool _columnsOpen, _disposed;

    protected override async Task OnInitializedAsync()
    {
        _me = await Staff.GetAsync();
        _canAssign = _me.IsAdmin || _me.IsInRole(Roles.PrivacyOfficer);
        _canLog = _me.IsAdmin || _me.IsInRole(Roles.PrivacyOfficer) || _me.IsInRole(Roles.SupportRep);
        // With one merchant chosen in the header, or only one at all, a merchant filter and column would say nothing.
        _multiMerchant = _me.Merchants.Count > 1 && _me.SelectedMerchantId is null;
        _merchants = (await MerchantService.ListAsync()).ToDictionary(m => m.Id);
        var lists = await Task.WhenAll(_me.Merchants.Select(m => Workflow.AssigneesAsync(m.Id)));
        _assignees = lists.SelectMany(l => l).DistinctBy(a => a.Id).OrderBy(a => a.Name).ToList();
    }

    protected override async Task OnParametersSetAsync()
    {
        // The address bar changed (first visit, reload, Back, a link): show what it says, unless it is what is shown.
        var view = QueueUrl.Parse(new QueueUrlValues(Status, TypeParam, MerchantParam, AssigneeParam, Due, Search, Sort, PageNumber, Channel, Lang, Law),
            _me.Merchants, _me.UserId);
        var key = KeyOf(view);
        if (_pendingKeys.Contains(key))
        {
            // The echo of an address this page wrote itself; an older one (two changes in quick succession) is not shown again.
            while (_pendingKeys.TryDequeue(out var pending) && pending != key) { }
            _addressKey = key;
            return;
        }
        // Parameters set again before the echo arrived still carry the previous address: not a navigation.
        if (_pendingKeys.Count > 0 && key == _addressKey) return;
        _pendingKeys.Clear();
        _addressKey = key;
        if (key == _shownKey) return;
        await ShowAsync(view, updateAddress: false);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        try
        {
            var saved = await JS.InvokeAsync<string?>("localStorage.getItem", ColumnsKey);
            if (saved is null) return;
            _hidden = saved.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => Enum.TryParse<QueueColumn>(s, out var c) ? c : (QueueColumn?)null).OfType<QueueColumn>().ToHashSet();
            StateHasChanged();
        }
        catch (JSException) { } // storage refused (private window): the default columns
    }

    private string KeyOf(QueueView view) =>
        string.Join('&', QueueUrl.Format(view, _me.Merchants, _me.UserId).Where(p => p.Value is not null).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Shows a view at once and, when it comes from the page's controls, writes it to the address bar.</summary>
    private async Task ShowAsync(QueueView view, bool updateAddress)
    {
        // A search typed just before a request was opened must not bring the queue back once the page is left.
        if (updateAddress && (_disposed || !OnQueuePage())) return;
        _view = view;
        _shownKey = KeyOf(view);
        _selected.Clear();
        // Replace, not push: Back from a request returns to this list as it was, and typing a search leaves no trail of entries.
        if (updateAddress)
        {
            _pendingKeys.Enqueue(_shownKey);
            Nav.NavigateTo(Nav.GetUriWithQueryParameters(QueueUrl.Format(view, _me.Merchants, _me.UserId)), replace: true);
        }
        await LoadAsync();
    }

    private bool OnQueuePage()
    {
        var path = Nav.ToBaseRelativePath(Nav.Uri);
        var end = path.IndexOfAny(['?', '#']);
        return (end < 0 ? path : path[..end]).TrimEnd('/').Equals("requests", StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _disposed = true;

    private async Task LoadAsync()
    {
        var version = ++_loadVersion;
        _loading = true;
        StateHasChanged();
        try
        {
            var page = await Queue.QueryAsync(_view.ToQuery());
            // A slower, older query (the search typed on) must not replace a newer answer.
            if (version != _loadVersion) return;
            if (page.Rows.Count == 0 && page.Total > 0 && _view.Page > 1)
            {
                // A page past the end (a link kept while the list shrank): the last one.
                await ShowAsync(_view with { Page = (page.Total + QueueView.PageSize - 1) / QueueView.PageSize }, updateAddress: true);
                return;
            }
            _rows = page.Rows;
            _total = page.Total;
            _loadedOnce = true;
        }
        finally
        {
            if (version == _loadVersion) _loading = false;
        }
    }

    private Task FilterChangedAsync(QueueFilter filter) => ShowAsync(_view with { Filter = filter, Page = 1 }, updateAddress: true);

    private Task SortChangedAsync((QueueSortColumn Column, bool Descending) sort) =>
        ShowAsync(_view with { Sort = sort.Column, Descending = sort.Descending, Page = 1 }, updateAddress: true);

    /// <summary>A header clicked: sorts by it, or flips the order when it already sorts.</summary>
    private Task SortByHeaderAsync(QueueSortColumn column) =>
        SortChangedAsync((column, _view.Sort == column && !_view.Descending));

    private Task GoToPageAsync(int page) => ShowAsync(_view with { Page = page }, updateAddress: true);

    private string? AriaSort(QueueSortColumn column) => _view.Sort != column ? null : _view.Descending ? "descending" : "ascending";

    private int PageCount => Math.Max(1, (_total + QueueView.PageSize - 1) / QueueView.PageSize);
    private string Summary => T.Format("Grid.PagingSummary", _view.Page, PageCount, _total);

    // ---- Columns -------------------------------------------------------------------------------

    private IEnumerable<QueueColumn> Hideable => AllHideable.Where(c => c != QueueColumn.Merchant || _multiMerchant);

    private bool Visible(QueueColumn column) => !_hidden.Contains(column);

    private int ColumnCount => 1 + (_canAssign ? 1 : 0) + AllHideable.Count(c => c != QueueColumn.Merchant && Visible(c));

    private string ColumnTitle(QueueColumn column) => column switch
    {
        QueueColumn.Due => T["Queue.DaysLeftColumn"],
        QueueColumn.Requester => T["Requests.Requester"],
        QueueColumn.Type => T["Requests.Type"],
        QueueColumn.Status => T["Requests.Status"],
        QueueColumn.Law => T["Requests.Jurisdiction"],
        QueueColumn.Language => T["Requests.Language"],
        QueueColumn.Channel => T["Requests.Channel"],
        QueueColumn.Merchant => T["Merchants.Switch"],
        QueueColumn.Assignee => T["Requests.Assignee"],
        _ => T["Requests.Received"],
    };

    private async Task ShowColumnAsync(QueueColumn column, bool visible)
    {
        if (visible) _hidden.Remove(column); else _hidden.Add(column);
        try { await JS.InvokeVoidAsync("localStorage.setItem", ColumnsKey, string.Join(',', _hidden.Order())); }
        catch (JSException) { } // not remembered, still applied
    }

    // ---- Rows ----------------------------------------------------------------------------------

    private string MerchantName(int id) => _merchants.TryGetValue(id, out var m) ? m.Name : "";

    private TimeZoneInfo ZoneFor(int merchantId) =>
        _merchants.TryGetValue(merchantId, out var m) ? JurisdictionCodes.TimeZoneFor(m.Country, m.Province) : TimeZoneInfo.Utc;

    /// <summary>Today on the merchant's calendar: "due today" in Montreal at 9 p.m. is not "1 day overdue" because UTC has passed midnight.</summary>
    private DateOnly TodayFor(int merchantId) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), ZoneFor(merchantId)).DateTime);

    private string ReceivedTitle(QueueRow r) => ZonedTime.Format(r.ReceivedAt, ZoneFor(r.MerchantId));

    // ---- Selection and bulk assignment -----------------------------------------------------------

    private bool AllSelected => _rows.Count > 0 && _rows.All(r => _selected.Contains(r.Id));

    private void SelectAll(bool all)
    {
        _selected.Clear();
        if (all) _selected.UnionWith(_rows.Select(r => r.Id));
    }

    private void Toggle(int id, bool selected)
    {
        if (selected) _selected.Add(id); else _selected.Remove(id);
    }

    private async Task BulkAssignAsync()
    {
        if (_assigning) return;
        var assignee = _assignees.FirstOrDefault(a => a.Id == _bulkAssignee);
        var rows = _rows.Where(r => _selected.Contains(r.Id)).ToList();
        if (assignee is null || rows.Count == 0) return;
        _assigning = true;
        try
        {
            // A mass change: it names the count and the person, and lists the requests, before anything happens.
            var confirmed = await Dialogs.ConfirmAsync(T["Queue.AssignTitle"], T.Plural("Queue.AssignConfirm", rows.Count, rows.Count, assignee.Name),
                T["Queue.AssignSelected"], preview: AssignPreview(rows));
            if (!confirmed) return;
            var done = await Workflow.BulkAssignAsync(rows.Select(r => r.Id).ToList(), assignee);
            Snackbar.Add(T.Plural("Queue.Assigned", done, done, assignee.Name), done > 0 ? Severity.Success : Severity.Warning);
            if (done < rows.Count) Snackbar.Add(T.Plural("Queue.AssignSkipped", rows.Count - done), Severity.Warning);
            _selected.Clear();
            _bulkAssignee = null;
            await LoadAsync();
        }
        catch (StorageUnavailableException ex)
        {
            Snackbar.Add(T[ex.TextKey], Severity.Error);
        }
        finally
        {
            _assigning = false;
        }
    }
}
