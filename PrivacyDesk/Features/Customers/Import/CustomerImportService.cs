using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;

namespace PrivacyDesk.Features.Customers.Import;

/// <summary>The import for signed-in staff: officers and admins, into one of their merchants.</summary>
public sealed class CustomerImportService(Db db, CurrentStaff staff, CustomerImporter importer, RecordImporter records)
{
    public static IReadOnlyDictionary<string, ImportField> GuessMap(IEnumerable<string> headers) =>
        headers.Distinct().ToDictionary(h => h, ImportFields.Guess);

    public async Task<ImportReport> ImportAsync(int merchantId, Func<Stream> open, ImportFormat format, IReadOnlyDictionary<string, ImportField> map,
        ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken ct = default, ImportEntity entity = ImportEntity.Customers)
    {
        var me = await staff.GetAsync(ct);
        if (!me.IsAdmin && !me.IsInRole(Roles.PrivacyOfficer)) throw new UnauthorizedAccessException("Only privacy officers import customer data.");
        await using var ctx = await db.OpenAsync(ct);
        return entity == ImportEntity.Customers
            ? await importer.ImportAsync(ctx, merchantId, open, format, map, options, progress, ct)
            : await records.ImportAsync(ctx, merchantId, entity, open, format, map, options, ct);
    }
}
