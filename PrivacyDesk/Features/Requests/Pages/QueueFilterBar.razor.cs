using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Queue;

namespace PrivacyDesk.Features.Requests.Pages;

/// <summary>
/// The queue's filters, controlled by the page (which keeps them in the address bar): every change is emitted at once
/// (the search 300 ms after the last key, or on Enter). Each select holds the same string as the URL parameter.
/// Saved filters are saved on the first click: the name field updates as it is typed and the button is never
/// disabled (before, the button stayed disabled until the name field lost focus, and that first click was lost).
/// </summary>
public partial class QueueFilterBar
{
    [Inject] private RequestQueue Queue { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public QueueFilter Filter { get; set; } = new();
    [Parameter] public EventCallback<QueueFilter> FilterChanged { get; set; }
    [Parameter] public QueueSortColumn Sort { get; set; } = QueueSortColumn.Due;
    [Parameter] public bool Descending { get; set; }
    [Parameter] public EventCallback<(QueueSortColumn Column, bool Descending)> SortChanged { get; set; }
    /// <summary>The merchants the user may filter on (the filter shows with two or more).</summary>
    [Parameter] public IReadOnlyList<MerchantOption> Merchants { get; set; } = [];
    [Parameter] public IReadOnlyList<Assignee> Assignees { get; set; } = [];
    [Parameter] public string? MyId { get; set; }

    private sealed record Option(string Value, string Text, string? Title = null);

    private const int MaxFilterName = 100;
    private static readonly int[] DuePresets = [0, 3, 7, 14, 30];
    private static readonly QueueSortColumn[] SortColumns =
        [QueueSortColumn.Due, QueueSortColumn.Received, QueueSortColumn.Reference, QueueSortColumn.Requester, QueueSortColumn.Status, QueueSortColumn.Type, QueueSortColumn.Assignee];

    private string? _search;
    private string _status = QueueUrl.Open, _type = QueueUrl.Any, _assignee = QueueUrl.Any, _merchant = QueueUrl.Any, _due = QueueUrl.Any,
        _channel = QueueUrl.Any, _language = QueueUrl.Any, _jurisdiction = QueueUrl.Any, _sort = "";
    private bool _more, _savingFilter;
    private string? _saveName, _saveError;
    private IReadOnlyList<SavedQueueFilter> _saved = [];
    private IReadOnlyList<Option> _statusOptions = [], _typeOptions = [], _assigneeOptions = [], _merchantOptions = [], _dueOptions = [],
        _channelOptions = [], _languageOptions = [], _jurisdictionOptions = [], _sortOptions = [];

    protected override async Task OnInitializedAsync()
    {
        _typeOptions = [new(QueueUrl.Any, T["Queue.Any"]), .. Enum.GetValues<RequestType>().Select(t => new Option(t.Code(), T[$"Type.{t}"]))];
        _channelOptions = [new(QueueUrl.Any, T["Queue.Any"]), .. Enum.GetValues<RequestChannel>().Select(c => new Option(c.ToString().ToLowerInvariant(), T[$"Channel.{c}"]))];
        _languageOptions = [new(QueueUrl.Any, T["Queue.AnyLanguage"]), new("fr", T["Language.fr"]), new("en", T["Language.en"])];
        _jurisdictionOptions = [new(QueueUrl.Any, T["Queue.AnyLaw"]),
            .. Enum.GetValues<Jurisdiction>().Select(j => new Option(j.Code().ToLowerInvariant(), T[$"Rule.{j}.Short"], T[$"Rule.{j}"]))];
        _sortOptions = SortColumns.SelectMany(c => new[]
        {
            new Option(QueueUrl.SortValue(c, false), T.Format("Queue.SortAscending", ColumnTitle(c))),
            new Option(QueueUrl.SortValue(c, true), T.Format("Queue.SortDescending", ColumnTitle(c))),
        }).ToList();
        _saved = await Queue.SavedFiltersAsync();
    }

    protected override void OnParametersSet()
    {
        _assigneeOptions = [new(QueueUrl.Any, T["Queue.Anyone"]), new(QueueUrl.Me, T["Queue.Me"]), new(QueueUrl.Nobody, T["Queue.Unassigned"]),
            .. Assignees.Where(a => a.Id != MyId).Select(a => new Option(a.Id, a.Name))];
        _merchantOptions = [new(QueueUrl.Any, T["Queue.Any"]), .. Merchants.Select(m => new Option(m.Slug, m.Name))];

        _status = QueueUrl.StatusValue(Filter);
        _statusOptions = [new(QueueUrl.Open, T["Queue.OpenOnly"]), new(QueueUrl.All, T["Queue.AllStatuses"]), new(QueueUrl.Unconfirmed, T["Queue.AwaitingEmail"]),
            .. Enum.GetValues<RequestStatus>().Select(s => new Option(s.ToString().ToLowerInvariant(), T[$"Status.{s}"]))];
        if (_statusOptions.All(o => o.Value != _status))
            // A saved filter of several statuses: shown as such, and kept until another is chosen.
            _statusOptions = [.. _statusOptions, new(_status, string.Join(", ", Filter.Statuses.Select(s => T[$"Status.{s}"])))];

        _due = QueueUrl.DueValue(Filter);
        _dueOptions = [new(QueueUrl.Any, T["Queue.DueAny"]), new(QueueUrl.Overdue, T["Queue.DueOverdue"]), new("0", T["Queue.DueByToday"]),
            .. DuePresets.Where(d => d > 0).Append(Filter.DueWithinDays ?? 0).Where(d => d > 0).Distinct().Order()
                .Select(d => new Option(d.ToString(System.Globalization.CultureInfo.InvariantCulture), T.Plural("Queue.DueWithinDays", d)))];

        _type = QueueUrl.TypeValue(Filter);
        _assignee = QueueUrl.AssigneeValue(Filter, MyId);
        // A link or saved filter naming someone who can no longer be given requests: kept, and said as such.
        if (_assigneeOptions.All(o => o.Value != _assignee)) _assigneeOptions = [.. _assigneeOptions, new(_assignee, T["Queue.OtherAssignee"])];
        _merchant = QueueUrl.MerchantValue(Filter, Merchants);
        _channel = QueueUrl.ChannelValue(Filter);
        _language = QueueUrl.LanguageValue(Filter);
        _jurisdiction = QueueUrl.JurisdictionValue(Filter);
        _sort = QueueUrl.SortValue(Sort, Descending);
        // What is being typed stays as typed (a trailing space is not eaten); a new filter from outside replaces it.
        if (QueueUrl.WithSearch(Filter, _search).Search != Filter.Search) _search = Filter.Search;
    }

    private string ColumnTitle(QueueSortColumn c) => c switch
    {
        QueueSortColumn.Due => T["Queue.DaysLeftColumn"],
        QueueSortColumn.Received => T["Requests.Received"],
        QueueSortColumn.Reference => T["Requests.Reference"],
        QueueSortColumn.Requester => T["Requests.Requester"],
        QueueSortColumn.Status => T["Requests.Status"],
        QueueSortColumn.Type => T["Requests.Type"],
        _ => T["Requests.Assignee"],
    };

    private static string? TextOf(IReadOnlyList<Option> options, string? value) => options.FirstOrDefault(o => o.Value == value)?.Text;

    /// <summary>Filters under "More filters" that are set: the button counts them, so nothing hidden filters the list unseen.</summary>
    private int HiddenActive => (Filter.Channel is null ? 0 : 1) + (Filter.Language is null ? 0 : 1) + (Filter.Jurisdiction is null ? 0 : 1);

    private Task EmitAsync(QueueFilter filter) => FilterChanged.InvokeAsync(filter);

    private Task SearchChangedAsync(string? text)
    {
        _search = text;
        var filter = QueueUrl.WithSearch(Filter, text);
        return filter.Search == Filter.Search ? Task.CompletedTask : EmitAsync(filter);
    }

    private Task StatusChangedAsync(string value) => EmitAsync(QueueUrl.WithStatus(Filter, value));
    private Task TypeChangedAsync(string value) => EmitAsync(QueueUrl.WithType(Filter, value));
    private Task AssigneeChangedAsync(string value) => EmitAsync(QueueUrl.WithAssignee(Filter, value, MyId));
    private Task MerchantChangedAsync(string value) => EmitAsync(QueueUrl.WithMerchant(Filter, value, Merchants));
    private Task DueChangedAsync(string value) => EmitAsync(QueueUrl.WithDue(Filter, value));
    private Task ChannelChangedAsync(string value) => EmitAsync(QueueUrl.WithChannel(Filter, value));
    private Task LanguageChangedAsync(string value) => EmitAsync(QueueUrl.WithLanguage(Filter, value));
    private Task JurisdictionChangedAsync(string value) => EmitAsync(QueueUrl.WithJurisdiction(Filter, value));

    private Task SortChangedAsync(string value)
    {
        var (column, descending) = QueueUrl.ParseSort(value);
        return SortChanged.InvokeAsync((column, descending));
    }

    private Task ClearAsync()
    {
        _search = null;
        return EmitAsync(new QueueFilter());
    }

    private async Task ApplySavedAsync(SavedQueueFilter saved)
    {
        _saveName = saved.Name;
        _saveError = null;
        var filter = RequestQueue.Parse(saved);
        _search = filter.Search;
        await EmitAsync(filter);
    }

    private async Task SaveOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") await SaveAsync();
    }

    private async Task SaveAsync()
    {
        if (_savingFilter) return;
        var name = _saveName?.Trim();
        _saveError = string.IsNullOrEmpty(name) ? T["Queue.FilterNameRequired"] : name.Length > MaxFilterName ? T.Format("Common.MaxLength", MaxFilterName) : null;
        if (_saveError is not null) return;
        _savingFilter = true;
        try
        {
            // The filters on screen, search included (the page passes what it shows).
            await Queue.SaveFilterAsync(name!, Filter);
            _saved = await Queue.SavedFiltersAsync();
            Snackbar.Add(T.Format("Queue.FilterSaved", name), Severity.Success);
        }
        catch (StorageUnavailableException ex)
        {
            _saveError = T[ex.TextKey];
        }
        finally
        {
            _savingFilter = false;
        }
    }

    private async Task DeleteSavedAsync(SavedQueueFilter saved)
    {
        if (!await Dialogs.ConfirmAsync(T["Queue.DeleteFilter"], T.Format("Queue.DeleteFilterConfirm", saved.Name), T["Queue.DeleteFilter"], danger: true)) return;
        try
        {
            await Queue.DeleteFilterAsync(saved.Id);
            _saved = await Queue.SavedFiltersAsync();
            if (_saveName == saved.Name) _saveName = null;
            Snackbar.Add(T.Format("Queue.FilterDeleted", saved.Name), Severity.Success);
        }
        catch (StorageUnavailableException ex)
        {
            Snackbar.Add(T[ex.TextKey], Severity.Error);
        }
    }
}
