using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PrivacyDesk.Data;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Customers.Import;

public sealed record ImportOptions(bool DryRun = false, bool AcceptPartial = false);
public sealed record ImportError(long Line, string Field, string Message);
public sealed record ImportProgress(long Rows, string Phase);
public sealed record ImportReport(long Rows, long Valid, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors,
    long ErrorCount, bool Committed, IReadOnlyList<ImportRow> Preview, TimeSpan Elapsed);

/// <summary>
/// Imports customers from the merchant's systems: validates the whole file first (every bad line
/// reported with its number and reason), then, unless it is a dry run or the file has errors the user
/// did not accept, upserts by account number in one transaction: a bad file changes nothing, a
/// re-import adds nothing twice, and a changed contact value keeps the old one in its history.
/// </summary>
public sealed class CustomerImporter(UiText text, TimeProvider clock)
{
    private const int MaxErrorsListed = 1000;

    public async Task<ImportReport> ImportAsync(PrivacyDeskDbContext ctx, int merchantId, Func<Stream> open, ImportFormat format,
        IReadOnlyDictionary<string, ImportField> map, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (!ctx.Scope.Allows(merchantId)) throw new MerchantScopeViolationException("Customer import", merchantId);
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == merchantId, ct);
        var watch = Stopwatch.StartNew();
        if (!map.Values.Contains(ImportField.AccountNumber))
            return Report(0, 0, 0, 0, 0, [new ImportError(1, "account_number", text["Import.NoAccountColumn"])], 1, false, [], watch);

        // Pass 1: validate everything, write nothing.
        var errors = new List<ImportError>();
        long errorCount = 0, rows = 0, valid = 0;
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        var badLines = new HashSet<long>();
        var preview = new List<ImportRow>();
        await using (var stream = open())
        {
            await foreach (var row in CustomerFileReader.ReadAsync(stream, format, map, ct))
            {
                rows++;
                var rowErrors = Validate(row, firstLine);
                if (rowErrors.Count == 0) { valid++; if (preview.Count < 20) preview.Add(row); }
                else
                {
                    badLines.Add(row.Line);
                    errorCount += rowErrors.Count;
                    errors.AddRange(rowErrors.Take(Math.Max(0, MaxErrorsListed - errors.Count)));
                }
                if (rows % 20_000 == 0) progress?.Report(new ImportProgress(rows, "validate"));
            }
        }
        progress?.Report(new ImportProgress(rows, "validate"));
        if (options.DryRun || (errorCount > 0 && !options.AcceptPartial) || valid == 0)
            return Report(rows, valid, 0, 0, 0, errors, errorCount, false, preview, watch);

        // Pass 2: write the valid rows in one transaction.
        var (inserted, updated, unchanged) = await WriteAsync(ctx, merchant.Id, merchant.DefaultLanguage, open, format, map, badLines, progress, ct);
        return Report(rows, valid, inserted, updated, unchanged, errors, errorCount, true, preview, watch);
    }

    private List<ImportError> Validate(ImportRow row, Dictionary<string, long> firstLine)
    {
        var errors = new List<ImportError>();
        var account = row[ImportField.AccountNumber];
        errors.AddRange(ImportFields.WithCardNumbers(row).Select(field => new ImportError(row.Line, field, text["Import.FullCardNumber"])));
        if (account is null) errors.Add(new(row.Line, "account_number", text["Import.AccountMissing"]));
        else if (account.Length > 40) errors.Add(new(row.Line, "account_number", text["Import.AccountTooLong"]));
        else if (firstLine.TryGetValue(account, out var first)) errors.Add(new(row.Line, "account_number", text.Format("Import.Duplicate", account, first)));
        else firstLine[account] = row.Line;
        if (row[ImportField.FirstName] is null && row[ImportField.LastName] is null) errors.Add(new(row.Line, "name", text["Import.NameMissing"]));
        if (row[ImportField.Email] is { } email && !Requests.RequestIntake.LooksLikeEmail(email)) errors.Add(new(row.Line, "email", text.Format("Import.BadEmail", email)));
        if (row[ImportField.Language] is { } lang && lang.ToLowerInvariant() is not ("fr" or "en")) errors.Add(new(row.Line, "language", text.Format("Import.BadLanguage", lang)));
        if (row[ImportField.DateOfBirth] is { } dob && (!DateOnly.TryParseExact(dob, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) || d > DateOnly.FromDateTime(DateTime.UtcNow)))
            errors.Add(new(row.Line, "date_of_birth", text.Format("Import.BadDate", dob)));
        foreach (var (field, name) in new[] { (ImportField.CreatedAt, "created_at"), (ImportField.LastActivityAt, "last_activity_at") })
            if (row[field] is { } at && ParseTime(at) is null) errors.Add(new(row.Line, name, text.Format("Import.BadDate", at)));
        return errors;
    }

    private static DateTimeOffset? ParseTime(string s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    private async Task<(int Inserted, int Updated, int Unchanged)> WriteAsync(PrivacyDeskDbContext ctx, int merchantId, string defaultLanguage,
        Func<Stream> open, ImportFormat format, IReadOnlyDictionary<string, ImportField> map, HashSet<long> badLines,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await ctx.Database.OpenConnectionAsync(ct);
        var connection = ctx.Database.GetDbConnection();
        // A bigger page cache for this connection keeps the indexes being filled in memory (1M rows: 101 s -> 90 s).
        if (!ctx.IsPostgres)
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA cache_size = -262144;"; // 256 MiB
                await pragma.ExecuteNonQueryAsync(ct);
            }
        await using var tx = await ctx.Database.BeginWriteAsync(ct);
        var sql = new ImportStatements(connection, tx.GetDbTransaction(), ctx.IsPostgres);
        var existing = await sql.LoadExistingAsync(merchantId, ct);
        int inserted = 0, updated = 0, unchanged = 0;
        long n = 0;
        await using (var stream = open())
        {
            await foreach (var row in CustomerFileReader.ReadAsync(stream, format, map, ct))
            {
                if (++n % 20_000 == 0) progress?.Report(new ImportProgress(n, "write"));
                if (badLines.Contains(row.Line)) continue;
                var incoming = ImportedCustomer.From(row, defaultLanguage, now);
                if (existing.TryGetValue(incoming.AccountNumber, out var current))
                {
                    if (await sql.UpdateAsync(merchantId, current, incoming, now, ct)) updated++; else unchanged++;
                }
                else
                {
                    existing[incoming.AccountNumber] = await sql.InsertAsync(merchantId, incoming, ct);
                    inserted++;
                }
            }
        }
        ctx.Audit("customers.imported", "Merchant", merchantId, merchantId, new { inserted, updated, unchanged, rejectedLines = badLines.Count });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        progress?.Report(new ImportProgress(n, "done"));
        return (inserted, updated, unchanged);
    }

    private static ImportReport Report(long rows, long valid, int inserted, int updated, int unchanged, IReadOnlyList<ImportError> errors, long errorCount,
        bool committed, IReadOnlyList<ImportRow> preview, Stopwatch watch) =>
        new(rows, valid, inserted, updated, unchanged, errors, errorCount, committed, preview, watch.Elapsed);
}
