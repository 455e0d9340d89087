using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Features.Requests.Deadlines;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Features.Requests.Pages;

/// <summary>
/// What staff do to a request. Each submit runs once; a refusal about one field is shown on that
/// field and keeps the form open with what was typed; closing, refusing and withdrawing ask first.
/// </summary>
public partial class RequestActionsPanel
{
    [Parameter, EditorRequired] public PrivacyRequest Request { get; set; } = default!;
    [Parameter, EditorRequired] public DeadlineSet Deadlines { get; set; } = default!;
    [Parameter] public bool CanHandle { get; set; }
    [Parameter] public bool CanNote { get; set; }
    [Parameter] public IReadOnlyList<Assignee> Assignees { get; set; } = [];
    /// <summary>The signed-in user as an assignee of this request's merchant (null when they cannot be given it): "Assign to me".</summary>
    [Parameter] public Assignee? Me { get; set; }
    [Parameter] public IReadOnlyList<ReplyTemplate> Templates { get; set; } = [];
    [Parameter] public EventCallback<RequestResult> OnResult { get; set; }

    [Inject] private RequestWorkflow Workflow { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private const string Unassigned = "";

    private string? _panel, _text;
    private string _choice = Unassigned;
    private IdentityVerificationMethod? _method;
    private RequestOutcome _outcome = RequestOutcome.Fulfilled;
    private RefusalGround? _ground;
    private List<NewAttachment> _files = [];
    private readonly Dictionary<string, string> _errors = [];
    private bool _saving;

    private bool Has(string field) => _errors.ContainsKey(field);
    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private string AssigneeText(string? id) =>
        string.IsNullOrEmpty(id) ? T["Queue.Unassigned"] : Assignees.FirstOrDefault(a => a.Id == id)?.Name ?? Request.AssigneeName ?? "";

    private void Open(string panel)
    {
        _panel = panel;
        _files = [];
        _errors.Clear();
        _text = null;
        _method = null;
        _outcome = RequestOutcome.Fulfilled;
        _ground = null;
        _choice = Request.AssigneeId ?? Unassigned;
    }

    private void ClosePanel()
    {
        _panel = null;
        _errors.Clear();
    }

    private async Task ReadFilesAsync(IReadOnlyList<IBrowserFile>? files)
    {
        _files = [];
        _errors.Remove("files");
        foreach (var file in files ?? [])
        {
            if (file.Size > RequestWorkflow.MaxAttachmentBytes)
            {
                _errors["files"] = T.Format("Requests.FileTooBig", file.Name, RequestWorkflow.MaxAttachmentBytes / 1024 / 1024);
                continue;
            }
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(RequestWorkflow.MaxAttachmentBytes)) await stream.CopyToAsync(buffer);
            _files.Add(new NewAttachment(file.Name, file.ContentType, buffer.ToArray()));
        }
    }

    /// <summary>Runs one command once; a refusal about a field stays in the form, anything else goes to the page.</summary>
    private async Task Run(Func<Task<RequestResult>> action)
    {
        if (_saving) return;
        _saving = true;
        try
        {
            _errors.Clear();
            var result = await action();
            if (Stays(result)) return;
            if (result.Succeeded) _panel = null;
            await OnResult.InvokeAsync(result);
        }
        finally { _saving = false; }
    }

    /// <summary>A refusal about one field of the open form: said on the field, the form stays as typed.</summary>
    private bool Stays(RequestResult result)
    {
        if (result.Succeeded || result.Conflict || result.Field is not { } field || _panel is null) return false;
        _errors[field] = result.Error ?? "";
        return true;
    }

    private Task NoteAsync() => Run(() => Workflow.AddNoteAsync(Request.Id, _text ?? "", _files));

    private Task AssignAsync() => Run(() => Workflow.AssignAsync(Request.Id, Request.Version,
        _choice == Unassigned ? null : Assignees.FirstOrDefault(a => a.Id == _choice)));

    private Task AssignToMeAsync() => Me is { } me ? Run(() => Workflow.AssignAsync(Request.Id, Request.Version, me)) : Task.CompletedTask;

    private Task AskVerificationAsync() => Run(() => Workflow.RequestVerificationAsync(Request.Id, Request.Version, _text));

    private Task VerifyAsync() => Run(() => Workflow.VerifyIdentityAsync(Request.Id, Request.Version, _method, _text ?? ""));

    private Task ExtendAsync() => Run(() => Workflow.ExtendAsync(Request.Id, Request.Version, _text ?? ""));

    private Task AcknowledgeAsync() => Run(() => Workflow.AcknowledgeAsync(Request.Id, Request.Version));

    private Task ReopenAsync() => Run(() => Workflow.ReopenAsync(Request.Id, Request.Version, _text ?? ""));

    private async Task DecideAsync()
    {
        var ground = _outcome == RequestOutcome.Fulfilled ? null : _ground;
        if (_outcome != RequestOutcome.Fulfilled)
        {
            // A refusal is confirmed once it is complete: what is missing is said on its field first.
            _errors.Clear();
            if (Workflow.CheckDecision(Request, _outcome, _text ?? "", ground) is { } problem)
            {
                if (!Stays(problem)) await OnResult.InvokeAsync(problem);
                return;
            }
            var refused = _outcome == RequestOutcome.Refused;
            var confirmed = await Dialogs.ConfirmAsync(
                T[refused ? "Decide.ConfirmRefuseTitle" : "Decide.ConfirmPartialTitle"],
                T.Format(refused ? "Decide.ConfirmRefuse" : "Decide.ConfirmPartial", Request.RequesterName, Request.Reference, T[$"Ground.{ground}"]),
                T[refused ? "Decide.Refuse" : "Decide.RefuseInPart"], danger: true, preview: Preview(_text), width: MaxWidth.Medium);
            if (!confirmed) return;
        }
        await Run(() => Workflow.DecideAsync(Request.Id, Request.Version, _outcome, _text ?? "", ground));
    }

    private async Task WithdrawAsync()
    {
        // Without a reason the service says so on the field; with one, a withdrawal (final: it cannot be reopened) is confirmed.
        if (!string.IsNullOrWhiteSpace(_text)
            && !await Dialogs.ConfirmAsync(T["Requests.ConfirmWithdrawTitle"], T.Format("Requests.ConfirmWithdraw", Request.RequesterName, Request.Reference),
                T["Action.Withdraw"], danger: true)) return;
        await Run(() => Workflow.WithdrawAsync(Request.Id, Request.Version, _text ?? ""));
    }

    private async Task CloseRequestAsync()
    {
        // A granted access or portability request whose response never went out: the reason is asked in the panel first.
        var unsent = RequestWorkflow.DisclosesData(Request) && Request.Outcome is not RequestOutcome.Refused && Request.ResponseSentAt is null;
        if (unsent && _panel != "close") { Open("close"); return; }
        if (!await Dialogs.ConfirmAsync(T["Requests.ConfirmCloseTitle"], T.Format("Requests.ConfirmClose", Request.RequesterName, Request.Reference),
                T["Action.Close"], danger: true)) return;
        await Run(() => Workflow.CloseAsync(Request.Id, Request.Version, unsent ? _text : null));
    }

    private async Task ReplyDoneAsync(RequestResult result)
    {
        if (result.Succeeded) _panel = null;
        await OnResult.InvokeAsync(result);
    }
}
