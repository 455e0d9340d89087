using Microsoft.AspNetCore.Components;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Features.Requests.Pages;

public partial class RequestPage
{
    [Parameter] public int Id { get; set; }
    [SupplyParameterFromQuery(Name = "logged")] public int? Logged { get; set; }

    [Inject] private RequestWorkflow Workflow { get; set; } = default!;
    [Inject] private RequestIntake Intake { get; set; } = default!;
    [Inject] private ReplyTemplateService Templates { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;
    [Inject] private Admin.Merchants.MerchantService Merchants { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private PrivacyRequest? _request;
    private DeadlineSet? _deadlines;
    private IReadOnlyList<Assignee> _assignees = [];
    private IReadOnlyList<ReplyTemplate> _templates = [];
    private bool _notFound, _stale, _canHandle, _canNote, _justLogged;
    private string? _error, _myId;
    // The merchant's time zone and today's date there: every moment and day count on the page is the merchant's.
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateOnly _today;
    // The signed-in officer as an assignee of this request's merchant: "Assign to me" (the "a" key).
    private Assignee? _meAssignee;
    // What someone else did to the request since this page loaded it, shown when a change of ours was refused.
    private IReadOnlyList<RequestEvent> _theirChanges = [];

    protected override async Task OnParametersSetAsync()
    {
        var me = await Staff.GetAsync();
        _myId = me.UserId;
        _canHandle = me.IsAdmin || me.IsInRole(Roles.PrivacyOfficer);
        _canNote = _canHandle || me.IsInRole(Roles.SupportRep);
        _justLogged = Logged == 1;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _stale = false;
        _request = await Workflow.GetAsync(Id);
        _notFound = _request is null;
        if (_request is null) return;
        var merchant = await Merchants.FindAsync(_request.MerchantId);
        _zone = JurisdictionCodes.TimeZoneFor(merchant!.Country, merchant.Province);
        _today = JurisdictionCodes.LocalDate(Clock.GetUtcNow(), merchant.Country, merchant.Province);
        _deadlines = Intake.DeadlinesFor(merchant, _request.Jurisdiction, _request.ReceivedAt, _request.Types);
        _assignees = _canHandle ? await Workflow.AssigneesAsync(_request.MerchantId) : [];
        _meAssignee = _assignees.FirstOrDefault(a => a.Id == _myId);
        _templates = _canHandle ? await Templates.ForRequestAsync(_request) : [];
    }

    private async Task OnResultAsync(RequestResult result)
    {
        _error = result.Succeeded || result.Conflict ? null : result.Error;
        _stale = result.Conflict;
        if (result.Conflict)
        {
            // Every change to a request leaves an event: theirs are the events this page has not seen.
            var seen = _request!.Events.Select(e => e.Id).ToHashSet();
            _theirChanges = (await Workflow.GetAsync(Id))?.Events.Where(e => !seen.Contains(e.Id)).ToList() ?? [];
        }
        else await ReloadAsync();
    }

    private async Task MergeAsync(int intoId)
    {
        // Final: the request closes as merged and cannot be reopened.
        if (!await Dialogs.ConfirmAsync(T["Requests.ConfirmMergeTitle"], T.Format("Requests.ConfirmMerge", _request!.Reference, _request.RequesterName),
                T["Requests.MergeIntoOther"], danger: true)) return;
        var result = await Workflow.MergeAsync(_request.Id, _request.Version, intoId);
        await OnResultAsync(result);
    }
}
