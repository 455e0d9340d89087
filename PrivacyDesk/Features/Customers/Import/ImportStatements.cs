using System.Data.Common;
using PrivacyDesk.Data;

namespace PrivacyDesk.Features.Customers.Import;

/// <summary>A customer already in the database, as the import compares it.</summary>
internal sealed class ExistingCustomer
{
    public long Id;
    public string FirstName = "", LastName = "", Language = "";
    public string? DateOfBirth, Gender;
    public readonly Dictionary<string, (long Id, string Value, string? PostalCode)> Contacts = [];
}

/// <summary>
/// The import's SQL, as prepared statements on the import's transaction: a million rows through EF's
/// change tracker would take many minutes; these take well under the two-minute budget (BENCHMARKS.md).
/// The same columns and conversions as the EF model of each provider: on SQLite times as UTC ticks, dates as
/// yyyy-MM-dd, versions as upper-case text; on PostgreSQL timestamptz, date and uuid. Names are quoted and
/// parameters written @name, which both providers read.
/// </summary>
internal sealed class ImportStatements(DbConnection connection, DbTransaction transaction, bool postgres)
{
    private DbCommand? _insertCustomer, _updateCustomer, _insertContact, _closeContact, _insertChange;

    public async Task<Dictionary<string, ExistingCustomer>> LoadExistingAsync(int merchantId, CancellationToken ct)
    {
        var byId = new Dictionary<long, ExistingCustomer>();
        var byAccount = new Dictionary<string, ExistingCustomer>(StringComparer.Ordinal);
        await using (var cmd = Command("""SELECT "Id", "AccountNumber", "FirstName", "LastName", "Language", "DateOfBirth", "Gender" FROM "Customers" WHERE "MerchantId" = @m""", ("@m", merchantId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var c = new ExistingCustomer { Id = Convert.ToInt64(r.GetValue(0)), FirstName = r.GetString(2), LastName = r.GetString(3), Language = r.GetString(4),
                    DateOfBirth = r.IsDBNull(5) ? null : DateText(r.GetValue(5)), Gender = r.IsDBNull(6) ? null : r.GetString(6) };
                byId[c.Id] = c;
                byAccount[r.GetString(1)] = c;
            }
        await using (var cmd = Command("""SELECT "Id", "CustomerId", "Kind", "Value", "PostalCode" FROM "ContactPoints" WHERE "MerchantId" = @m AND "ValidTo" IS NULL""", ("@m", merchantId)))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                if (byId.TryGetValue(Convert.ToInt64(r.GetValue(1)), out var c))
                    c.Contacts[r.GetString(2)] = (Convert.ToInt64(r.GetValue(0)), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));
        return byAccount;
    }

    public async Task<ExistingCustomer> InsertAsync(int merchantId, ImportedCustomer c, CancellationToken ct)
    {
        _insertCustomer ??= Prepare("""
            INSERT INTO "Customers" ("MerchantId", "AccountNumber", "FirstName", "LastName", "Language", "DateOfBirth", "Gender", "Status", "CreatedAt", "LastActivityAt", "SearchText", "Version")
            VALUES (@m, @account, @first, @last, @lang, @dob, @gender, 'Active', @created, @activity, @search, @version) RETURNING "Id"
            """, "@m", "@account", "@first", "@last", "@lang", "@dob", "@gender", "@created", "@activity", "@search", "@version");
        Set(_insertCustomer, merchantId, c.AccountNumber, c.FirstName, c.LastName, c.Language, Date(c.DateOfBirth), c.Gender,
            Time(c.CreatedAt), Time(c.LastActivityAt ?? c.CreatedAt), c.SearchText, NewVersion());
        var id = Convert.ToInt64(await _insertCustomer.ExecuteScalarAsync(ct));
        var existing = new ExistingCustomer { Id = id, FirstName = c.FirstName, LastName = c.LastName, Language = c.Language,
            DateOfBirth = c.DateOfBirth?.ToString("yyyy-MM-dd"), Gender = c.Gender };
        foreach (var (kind, value, postal) in Contacts(c))
            existing.Contacts[kind] = (await InsertContactAsync(merchantId, id, kind, value, postal, c.CreatedAt, ct), value, postal);
        return existing;
    }

    /// <summary>Applies what changed; returns false when the row matches what is held.</summary>
    public async Task<bool> UpdateAsync(int merchantId, ExistingCustomer current, ImportedCustomer c, DateTimeOffset now, CancellationToken ct)
    {
        var changes = new List<(string Field, string? Old, string? New)>();
        void Compare(string field, string? old, string? value) { if (old != value) changes.Add((field, old, value)); }
        Compare("FirstName", current.FirstName, c.FirstName);
        Compare("LastName", current.LastName, c.LastName);
        Compare("Language", current.Language, c.Language);
        Compare("DateOfBirth", current.DateOfBirth, c.DateOfBirth?.ToString("yyyy-MM-dd"));
        Compare("Gender", current.Gender, c.Gender);
        var contactChanges = Contacts(c).Where(x => !current.Contacts.TryGetValue(x.Kind, out var held) || held.Value != x.Value || held.PostalCode != x.PostalCode).ToList();
        if (changes.Count == 0 && contactChanges.Count == 0) return false;

        foreach (var (kind, value, postal) in contactChanges)
        {
            // The old value is closed, not overwritten.
            if (current.Contacts.TryGetValue(kind, out var held))
            {
                _closeContact ??= Prepare("""UPDATE "ContactPoints" SET "ValidTo" = @to WHERE "Id" = @id""", "@to", "@id");
                Set(_closeContact, Time(now), held.Id);
                await _closeContact.ExecuteNonQueryAsync(ct);
            }
            changes.Add((kind == "Postal" ? "PostalAddress" : kind, held.Value, value));
            current.Contacts[kind] = (await InsertContactAsync(merchantId, current.Id, kind, value, postal, now, ct), value, postal);
        }
        _updateCustomer ??= Prepare("""
            UPDATE "Customers" SET "FirstName" = @first, "LastName" = @last, "Language" = @lang, "DateOfBirth" = @dob, "Gender" = @gender,
              "LastActivityAt" = COALESCE(@activity, "LastActivityAt"), "SearchText" = @search, "Version" = @version WHERE "Id" = @id
            """, "@first", "@last", "@lang", "@dob", "@gender", "@activity", "@search", "@version", "@id");
        Set(_updateCustomer, c.FirstName, c.LastName, c.Language, Date(c.DateOfBirth), c.Gender, c.LastActivityAt is { } activity ? Time(activity) : null,
            c.SearchText, NewVersion(), current.Id);
        await _updateCustomer.ExecuteNonQueryAsync(ct);
        (current.FirstName, current.LastName, current.Language, current.DateOfBirth, current.Gender) =
            (c.FirstName, c.LastName, c.Language, c.DateOfBirth?.ToString("yyyy-MM-dd"), c.Gender);

        _insertChange ??= Prepare("""
            INSERT INTO "CustomerChanges" ("CustomerId", "MerchantId", "At", "Field", "OldValue", "NewValue", "ActorName") VALUES (@c, @m, @at, @field, @old, @new, 'Import')
            """, "@c", "@m", "@at", "@field", "@old", "@new");
        foreach (var (field, old, value) in changes)
        {
            Set(_insertChange, current.Id, merchantId, Time(now), field, old, value);
            await _insertChange.ExecuteNonQueryAsync(ct);
        }
        return true;
    }

    private async Task<long> InsertContactAsync(int merchantId, long customerId, string kind, string value, string? postal, DateTimeOffset from, CancellationToken ct)
    {
        _insertContact ??= Prepare("""
            INSERT INTO "ContactPoints" ("CustomerId", "MerchantId", "Kind", "Value", "PostalCode", "ValidFrom") VALUES (@c, @m, @kind, @value, @postal, @from) RETURNING "Id"
            """, "@c", "@m", "@kind", "@value", "@postal", "@from");
        Set(_insertContact, customerId, merchantId, kind, value, postal, Time(from));
        return Convert.ToInt64(await _insertContact.ExecuteScalarAsync(ct));
    }

    private static IEnumerable<(string Kind, string Value, string? PostalCode)> Contacts(ImportedCustomer c)
    {
        if (c.Email is not null) yield return ("Email", c.Email, null);
        if (c.Phone is not null) yield return ("Phone", c.Phone, null);
        if (c.PostalAddress is not null || c.PostalCode is not null) yield return ("Postal", c.PostalAddress ?? "", c.PostalCode);
    }

    // The EF model's storage of each type, per provider (UtcTicksConverter on SQLite; timestamptz, date and uuid on PostgreSQL).
    private object NewVersion() => postgres ? Guid.NewGuid() : Guid.NewGuid().ToString().ToUpperInvariant();
    private object Time(DateTimeOffset t) => postgres ? PrivacyDeskDbContext.AtMicroseconds(t) : t.UtcTicks;
    private object? Date(DateOnly? d) => d is not { } day ? null : postgres ? day : day.ToString("yyyy-MM-dd");
    private static string DateText(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTime t => DateOnly.FromDateTime(t).ToString("yyyy-MM-dd"),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private DbCommand Prepare(string sql, params string[] names)
    {
        var cmd = Command(sql);
        foreach (var name in names)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = DBNull.Value;
            cmd.Parameters.Add(p);
        }
        // SQLite compiles the statement once for the whole file. Npgsql cannot prepare before it knows the
        // parameters' types (all null here); it sends each row in the extended protocol, unprepared.
        if (!postgres) cmd.Prepare();
        return cmd;
    }

    private static void Set(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
