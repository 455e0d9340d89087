using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Intake.Pages;

public partial class MailPage
{
    [Inject] private MailboxService Mail { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;
    [Inject] private CurrentStaff Staff { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<MailPage> Logger { get; set; } = default!;

    private const long MaxUpload = MailboxService.MaxUploadBytes;
    private IReadOnlyList<Merchant> _merchants = [];
    private int? _merchantId;
    private bool _busy, _isOfficer, _isAdmin;
    private string? _uploadError, _error;
    private int _inputKey;
    private UploadReport? _report;
    private List<InboundMessage> _quarantine = [];
    private long? _reading;
    private HashSet<long> _checked = [];

    protected override async Task OnInitializedAsync()
    {
        var me = await Staff.GetAsync();
        _isAdmin = me.IsAdmin;
        _isOfficer = me.IsInRole(Roles.Admin) || me.IsInRole(Roles.PrivacyOfficer);
        _merchants = await Merchants.ListAsync();
        _merchantId = me.SelectedMerchantId ?? (_merchants.Count == 1 ? _merchants[0].Id : null);
        await LoadQuarantineAsync();
    }

    private TimeZoneInfo ZoneOf(int merchantId) =>
        _merchants.FirstOrDefault(m => m.Id == merchantId) is { } m ? JurisdictionCodes.TimeZoneFor(m.Country, m.Province) : TimeZoneInfo.Utc;

    private async Task LoadQuarantineAsync()
    {
        if (!_isOfficer) return;
        _quarantine = await Mail.QuarantineAsync();
        // A message handled meanwhile (here or elsewhere) drops out of the selection.
        _checked.IntersectWith(_quarantine.Select(m => m.Id));
    }

    private string ReportText(UploadReport r) => string.Join(", ",
        T.Plural("Mail.ReportNew", r.Opened), T.Plural("Mail.ReportReplies", r.Replies), T.Plural("Mail.ReportQuarantined", r.Quarantined),
        T.Plural("Mail.ReportDuplicates", r.Duplicates)) + ".";

    /// <summary>"upload:requests.mbox#3" as a person reads it: the file, and the message's place in it.</summary>
    private string Origin(string origin)
    {
        var name = origin.StartsWith("upload:", StringComparison.Ordinal) ? origin["upload:".Length..] : origin;
        var hash = name.LastIndexOf('#');
        return hash > 0 && int.TryParse(name[(hash + 1)..], out var index) ? T.Format("Mail.OriginInFile", name[..hash], index + 1) : name;
    }

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        if (_merchantId is not int merchantId || _busy) return;
        _uploadError = null;
        _report = null;
        if (e.File.Size > MaxUpload) { _uploadError = T.Format("Mail.TooLarge", MaxUpload / 1024 / 1024); _inputKey++; return; }
        _busy = true;
        try
        {
            await using var stream = e.File.OpenReadStream(MaxUpload);
            _report = await Mail.UploadAsync(merchantId, e.File.Name, stream);
            await LoadQuarantineAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StorageUnavailableException)
        {
            // Intake quarantines what a message does wrong; what is left is this upload failing as a whole: say so,
            // in the reader's words; the technical cause goes to the log (its type only: a message may quote personal data).
            Logger.LogWarning("A mail upload stopped: {ExceptionType}", ex.GetType().Name);
            _uploadError = T["Mail.UploadStopped"];
            await LoadQuarantineAsync();
        }
        catch (StorageUnavailableException ex)
        {
            // Messages are committed one by one: those before the failure are in; a new upload imports only the rest.
            _uploadError = T.Format("Mail.UploadInterrupted", T[$"Error.StorageCause.{ex.Problem}"]);
            await LoadQuarantineAsync();
        }
        finally { _busy = false; _inputKey++; }
    }

    private bool? AllChecked => _checked.Count == 0 ? false : _checked.Count == _quarantine.Count ? true : null;

    private void ToggleAll(bool? all) => _checked = all == true || (all is null && _checked.Count < _quarantine.Count) ? _quarantine.Select(m => m.Id).ToHashSet() : [];

    private void Check(long id, bool on)
    {
        if (on) _checked.Add(id); else _checked.Remove(id);
    }

    private List<InboundMessage> Checked => _quarantine.Where(m => _checked.Contains(m.Id)).ToList();

    private async Task AddToClaimedAsync(InboundMessage m)
    {
        var result = await Mail.AddToClaimedRequestAsync(m.Id, m.Version);
        _error = result.Succeeded ? null : result.Error;
        if (result is { Succeeded: true, Request: { } r }) Snackbar.Add(T.Format("Mail.AddedTo", r.Reference), Severity.Success);
        await LoadQuarantineAsync();
    }

    private async Task ReleaseAsync(InboundMessage m)
    {
        var result = await Dialogs.AskAsync<ReleaseDialog, RequestResult>(T["Mail.OpenAsRequest"],
            new DialogParameters<ReleaseDialog> { { d => d.Message, m } }, MaxWidth.Small);
        if (result is not { Succeeded: true }) return;
        _error = null;
        if (result.Request is { } r) Snackbar.Add(T.Format("Mail.Opened", r.Reference), Severity.Success);
        await LoadQuarantineAsync();
    }

    private async Task DismissAsync(InboundMessage m)
    {
        var reason = await Dialogs.AskAsync<DismissDialog, string>(T["Mail.Dismiss"],
            new DialogParameters<DismissDialog> { { d => d.Count, 1 }, { d => d.Subject, m.Subject } });
        if (string.IsNullOrWhiteSpace(reason)) return;
        var result = await Mail.DismissAsync(m.Id, m.Version, reason);
        _error = result.Succeeded ? null : result.Error;
        if (result.Succeeded) Snackbar.Add(T.Plural("Mail.Dismissed", 1), Severity.Success);
        await LoadQuarantineAsync();
    }

    /// <summary>Several messages dismissed with one reason: the dialog names the count before anything is done.</summary>
    private async Task DismissCheckedAsync()
    {
        var chosen = Checked;
        if (chosen.Count == 0) return;
        var reason = await Dialogs.AskAsync<DismissDialog, string>(T.Plural("Mail.DismissMany", chosen.Count),
            new DialogParameters<DismissDialog> { { d => d.Count, chosen.Count } });
        if (string.IsNullOrWhiteSpace(reason)) return;
        Report(await Mail.DismissManyAsync(chosen.Select(m => (m.Id, m.Version)).ToList(), reason), "Mail.Dismissed");
        await LoadQuarantineAsync();
    }

    /// <summary>A request from each of several messages, each from its sender: the dialog names the count and lists them first.</summary>
    private async Task ReleaseCheckedAsync()
    {
        var chosen = Checked;
        if (chosen.Count == 0) return;
        var choice = await Dialogs.AskAsync<BulkReleaseDialog, BulkReleaseDialog.Choice>(T.Plural("Mail.ReleaseMany", chosen.Count),
            new DialogParameters<BulkReleaseDialog> { { d => d.Messages, chosen } }, MaxWidth.Medium);
        if (choice is null) return;
        Report(await Mail.ReleaseManyAsync(chosen.Select(m => (m.Id, m.Version)).ToList(), choice.Types, choice.Language), "Mail.Released");
        await LoadQuarantineAsync();
    }

    private void Report(BulkMailResult result, string doneKey)
    {
        if (result.Done > 0) Snackbar.Add(T.Plural(doneKey, result.Done), Severity.Success);
        if (result.Skipped > 0) Snackbar.Add(T.Plural("Mail.SkippedChanged", result.Skipped), Severity.Warning);
        _error = result.Errors.Count == 0 ? null : string.Join(" ", result.Errors);
    }
}
