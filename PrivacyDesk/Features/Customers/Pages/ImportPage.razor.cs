using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using PrivacyDesk.Components.Shared;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers.Import;

namespace PrivacyDesk.Features.Customers.Pages;

public partial class ImportPage
{
    [Inject] private CustomerImportService Importer { get; set; } = default!;
    [Inject] private MerchantService Merchants { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private const long MaxUpload = 200L * 1024 * 1024;
    private IReadOnlyList<Merchant> _merchants = [];
    private int? _merchantId;
    private string? _path, _fileName, _fileError;
    private IReadOnlyList<string> _headers = [];
    private Dictionary<string, ImportField> _map = [];
    private IReadOnlyList<ImportField> _mappedFields = [];
    private ImportReport? _report;
    private ImportProgress? _progress;
    private bool _busy, _acceptPartial;
    private int _inputKey;
    private ImportEntity _entity = ImportEntity.Customers;

    /// <summary>Importing writes: only after a check of this very file and mapping, and, when lines are bad, only if the user accepts leaving them out.</summary>
    private bool CanImport => !_busy && _report is { Committed: false } r && r.Valid > 0 && (r.ErrorCount == 0 || _acceptPartial);

    protected override async Task OnInitializedAsync()
    {
        _merchants = await Merchants.ListAsync();
        _merchantId = _merchants.Count == 1 ? _merchants[0].Id : _merchants.FirstOrDefault()?.Id;
    }

    private async Task LoadFileAsync(InputFileChangeEventArgs e)
    {
        _report = null;
        _fileError = null;
        _headers = [];
        if (e.File.Size > MaxUpload) { _fileError = T.Format("Import.TooBig", MaxUpload / 1024 / 1024); return; }
        // To a private temp file: the import reads the file twice (check, then write).
        DeleteTemp();
        _path = Path.Combine(Path.GetTempPath(), "pd-import-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var target = File.Create(_path))
            {
                // Readable by the app's own user only: the file is personal data.
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await e.File.OpenReadStream(MaxUpload).CopyToAsync(target);
            }
            _fileName = e.File.Name;
            await using var probe = File.OpenRead(_path);
            _headers = await CustomerFileReader.HeadersAsync(probe, CustomerFileReader.FormatOf(_fileName));
            _map = CustomerImportService.GuessMap(_headers).ToDictionary();
            if (_headers.Count == 0) _fileError = T["Import.NoColumns"];
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            _fileError = T.Format("Import.Unreadable", e.File.Name);
        }
        finally { _inputKey++; }
    }

    /// <summary>A file that is not the CSV or JSON it claims to be: said as such, never as a crash.</summary>
    private static bool IsUnreadable(Exception ex) => ex is JsonException or FormatException or InvalidDataException or IOException or System.Text.DecoderFallbackException
        || ex.GetType().Namespace?.StartsWith("CsvHelper", StringComparison.Ordinal) == true;

    private Task CheckAsync() => RunAsync(dryRun: true);

    /// <summary>The import itself: confirmed with the count of lines it writes and those it leaves out.</summary>
    private async Task ImportAsync()
    {
        if (!CanImport || _report is not { } checkedReport) return;
        var merchant = _merchants.FirstOrDefault(m => m.Id == _merchantId)?.Name ?? "";
        var valid = (int)Math.Min(int.MaxValue, checkedReport.Valid);
        var bad = (int)Math.Min(int.MaxValue, checkedReport.ErrorCount);
        var message = T.Plural("Import.ConfirmRows", valid, valid, merchant, T[$"ImportEntity.{_entity}"])
                      + (bad > 0 ? " " + T.Plural("Import.ConfirmSkipped", bad) : "");
        if (!await Dialogs.ConfirmAsync(T["Import.ConfirmTitle"], message, T.Plural("Import.ConfirmButton", valid))) return;
        await RunAsync(dryRun: false);
    }

    private async Task RunAsync(bool dryRun)
    {
        if (_busy || _path is null || _merchantId is not int merchantId) return;
        _busy = true;
        _fileError = null;
        _mappedFields = _map.Values.Where(f => f != ImportField.Ignore).Distinct().ToList();
        var progress = new Progress<ImportProgress>(p => InvokeAsync(() => { _progress = p; StateHasChanged(); }));
        try
        {
            var path = _path;
            _report = await Importer.ImportAsync(merchantId, () => File.OpenRead(path), CustomerFileReader.FormatOf(_fileName!), _map,
                new ImportOptions(dryRun, _acceptPartial), progress, entity: _entity);
        }
        catch (StorageUnavailableException ex) { _fileError = T[ex.TextKey]; }
        catch (Exception ex) when (IsUnreadable(ex)) { _fileError = T.Format("Import.Unreadable", _fileName ?? ""); _report = null; }
        finally
        {
            _busy = false;
            _progress = null;
        }
    }

    private string Summary(ImportReport r) => string.Join(", ",
        T.Plural("Import.SummaryRows", Count(r.Rows)), T.Plural("Import.SummaryValid", Count(r.Valid)), T.Plural("Import.SummaryErrors", Count(r.ErrorCount)));

    private string Done(ImportReport r) =>
        T.Format("Import.DoneSummary", T.Plural("Import.New", r.Inserted), T.Plural("Import.Updated", r.Updated), T.Plural("Import.Unchanged", r.Unchanged));

    private static int Count(long n) => (int)Math.Min(int.MaxValue, n);

    /// <summary>An error's field ("date_of_birth") as the form names it, in the reader's language.</summary>
    private string FieldName(string field)
    {
        if (field == "name") return T["Requests.RequesterName"];
        var pascal = string.Concat(field.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return Enum.TryParse<ImportField>(pascal, out var f) && Enum.IsDefined(f) ? T[$"ImportField.{f}"] : field;
    }

    private void DeleteTemp()
    {
        if (_path is not null && File.Exists(_path)) File.Delete(_path);
    }

    public void Dispose() => DeleteTemp();
}
