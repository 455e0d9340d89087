using Microsoft.AspNetCore.Components;
using MudBlazor;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Audit.Pages;

/// <summary>
/// The audit log: filters above a server-paged grid, newest first. The page only shows what
/// <see cref="AuditViewer"/> returns (within the reader's merchants); it may be opened on a person,
/// a request or a staff member from elsewhere: /audit?customer=12, ?request=34, ?staff=&lt;user id&gt;.
/// </summary>
public partial class AuditLogPage
{
    /// <summary>The select value for "no filter" (a select cannot hold null as a choice).</summary>
    private const string Anyone = "*";

    [Inject] private AuditViewer Audit { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "customer")] public int? CustomerParameter { get; set; }
    [SupplyParameterFromQuery(Name = "request")] public int? RequestParameter { get; set; }
    [SupplyParameterFromQuery(Name = "staff")] public string? StaffParameter { get; set; }

    private MudDataGrid<AuditRow>? _grid;
    private IReadOnlyList<AuditActorOption> _actors = [];
    private AuditPersonOption? _person;
    private AuditRequestOption? _request;
    private string _actorId = Anyone;
    private string _kind = Anyone;
    private DateTime? _from, _to;
    private bool _ready, _manyMerchants;

    private bool DatesReversed => _from is { } f && _to is { } t && t.Date < f.Date;
    private bool HasFilter => _person is not null || _request is not null || _actorId != Anyone || _kind != Anyone || _from is not null || _to is not null;

    private AuditFilter Filter => new(
        _person?.Id, _request?.Id, _actorId == Anyone ? null : _actorId,
        Enum.TryParse<AuditKind>(_kind, out var kind) ? kind : null,
        _from is { } f ? DateOnly.FromDateTime(f) : null, _to is { } t ? DateOnly.FromDateTime(t) : null);

    protected override async Task OnInitializedAsync()
    {
        var me = await Staff.GetAsync();
        // Several merchants in view: each row says whose record it is.
        _manyMerchants = me.SelectedMerchantId is null && me.Merchants.Count > 1;
        _actors = await Audit.ActorsAsync();
        if (StaffParameter is { Length: > 0 } staff && _actors.Any(a => a.Id == staff)) _actorId = staff;
        if (CustomerParameter is not null || RequestParameter is not null)
            (_person, _request) = await Audit.DescribeAsync(new AuditFilter(CustomerParameter, RequestParameter));
        _ready = true;
    }

    private async Task<GridData<AuditRow>> LoadAsync(GridState<AuditRow> state, CancellationToken ct)
    {
        if (DatesReversed) return new GridData<AuditRow> { Items = [], TotalItems = 0 };
        var results = await Audit.QueryAsync(Filter, state.Page * state.PageSize, state.PageSize, ct);
        return new GridData<AuditRow> { Items = results.Rows, TotalItems = results.Total };
    }

    private async Task<IEnumerable<AuditPersonOption>> FindPeopleAsync(string? typed, CancellationToken ct) => await Audit.FindPeopleAsync(typed, ct);

    private async Task<IEnumerable<AuditRequestOption>> FindRequestsAsync(string? typed, CancellationToken ct) => await Audit.FindRequestsAsync(typed, ct);

    private Task PersonChangedAsync(AuditPersonOption? value) { _person = value; return ReloadAsync(); }
    private Task RequestChangedAsync(AuditRequestOption? value) { _request = value; return ReloadAsync(); }
    private Task ActorChangedAsync(string? value) { _actorId = value ?? Anyone; return ReloadAsync(); }
    private Task KindChangedAsync(string? value) { _kind = value ?? Anyone; return ReloadAsync(); }
    private Task FromChangedAsync(DateTime? value) { _from = value; return ReloadAsync(); }
    private Task ToChangedAsync(DateTime? value) { _to = value; return ReloadAsync(); }

    private Task ClearAsync()
    {
        (_person, _request, _actorId, _kind, _from, _to) = (null, null, Anyone, Anyone, null, null);
        return ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null) await _grid.ReloadServerData();
    }

    private string ActorText(string? id) =>
        id is null or Anyone ? T["Audit.Anyone"] : _actors.FirstOrDefault(a => a.Id == id) is { } actor ? Say(actor.Name) : "";

    private string KindText(string? kind) =>
        Enum.TryParse<AuditKind>(kind, out var k) ? T[$"AuditKind.{k}"] : T["Audit.AnyKind"];

    /// <summary>Words from the viewer: a string's key (formatted with data or another key's string), or data as it is.</summary>
    private string Say(AuditWords words) => words switch
    {
        { Key: null } => words.Text ?? "",
        { ArgKey: { } argKey } => T.Format(words.Key, T[argKey]),
        { Text: { } data } => T.Format(words.Key, data),
        _ => T[words.Key],
    };
}
