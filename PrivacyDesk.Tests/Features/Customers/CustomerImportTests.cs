using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Import;
using PrivacyDesk.Tests.Infrastructure;

namespace PrivacyDesk.Tests.Features.Customers;

public sealed class CustomerImportTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private Merchant _laval = null!, _paris = null!;
    private string _officer = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _laval = await _host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        _paris = await _host.CreateMerchantAsync("paris", "Boutique Paris", "FR", null);
        _officer = await _host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], _laval.Id);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private const string Clean = """
        Numéro de compte;Prénom;Nom;Courriel;Téléphone;Adresse;Code postal;Langue;Date de naissance
        MM-1;Hélène;Tremblay;helene@example.com;514-555-0101;"1 rue A, Laval";H7G 2V5;fr;1980-04-02
        MM-2;John;Smith;john@example.com;514-555-0102;"2 Main St, Laval";H7G 2V6;en;
        MM-3;Zoé;"Côté
        Lavoie";zoe@example.com;;;;fr;1999-12-31
        """;

    private async Task<ImportReport> ImportAsync(string content, ImportOptions? options = null, string name = "customers.csv", int? merchant = null,
        ImportEntity entity = ImportEntity.Customers)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(content)).ToArray();
        var format = CustomerFileReader.FormatOf(name);
        var headers = await CustomerFileReader.HeadersAsync(new MemoryStream(bytes), format);
        await using var scope = _host.ActAs(_officer);
        return await scope.ServiceProvider.GetRequiredService<CustomerImportService>().ImportAsync(merchant ?? _laval.Id, () => new MemoryStream(bytes),
            format, CustomerImportService.GuessMap(headers), options ?? new ImportOptions(), entity: entity);
    }

    private async Task<List<Customer>> CustomersAsync()
    {
        await using var db = _host.SystemDb();
        return await db.Customers.Include(c => c.ContactPoints).OrderBy(c => c.AccountNumber).ToListAsync();
    }

    [Fact]
    public async Task A_clean_file_with_french_headers_semicolons_a_bom_and_a_quoted_line_break_imports_every_row()
    {
        var report = await ImportAsync(Clean);
        Assert.True(report.Committed);
        Assert.Equal((3, 3, 0L), (report.Inserted, (int)report.Valid, report.ErrorCount));
        var customers = await CustomersAsync();
        Assert.Equal(["MM-1", "MM-2", "MM-3"], customers.Select(c => c.AccountNumber));
        Assert.Equal("Côté\nLavoie", customers[2].LastName.Replace("\r", ""));
        Assert.Equal(new DateOnly(1980, 4, 2), customers[0].DateOfBirth);
        Assert.Equal("H7G 2V5", customers[0].ContactPoints.Single(p => p.Kind == ContactKind.Postal).PostalCode);

        await using var scope = _host.ActAs(_officer);
        Assert.Equal(["MM-1"], (await scope.ServiceProvider.GetRequiredService<CustomerService>().SearchAsync("helene 5145550101")).Select(h => h.AccountNumber));
    }

    [Fact]
    public async Task Bad_lines_are_reported_by_line_number_and_reason_and_nothing_is_written()
    {
        const string bad = """
            account_number,first_name,last_name,email,language,date_of_birth
            A-1,Ana,Lopez,ana@example.com,fr,1970-01-01
            ,No,Account,x@example.com,fr,
            A-3,Bad,Email,not-an-email,fr,
            A-1,Ana,Again,ana2@example.com,en,
            A-5,Lang,Wrong,l@example.com,de,31/12/1999
            A-6,Fine,Row,f@example.com,en,
            """;
        var report = await ImportAsync(bad);
        Assert.False(report.Committed);
        Assert.Equal(6, report.Rows);
        Assert.Equal(2, report.Valid);
        Assert.Equal([(3L, "account_number"), (4L, "email"), (5L, "account_number"), (6L, "language"), (6L, "date_of_birth")],
            report.Errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("line 2", report.Errors.Single(e => e.Line == 5).Message.Replace("ligne", "line"));
        Assert.Empty(await CustomersAsync());

        var partial = await ImportAsync(bad, new ImportOptions(AcceptPartial: true));
        Assert.True(partial.Committed);
        Assert.Equal(["A-1", "A-6"], (await CustomersAsync()).Select(c => c.AccountNumber));
    }

    [Fact]
    public async Task A_dry_run_previews_and_writes_nothing()
    {
        var report = await ImportAsync(Clean, new ImportOptions(DryRun: true));
        Assert.False(report.Committed);
        Assert.Equal(3, report.Preview.Count);
        Assert.Equal("Hélène", report.Preview[0][ImportField.FirstName]);
        Assert.Empty(await CustomersAsync());
    }

    [Fact]
    public async Task A_reimport_adds_no_duplicate_and_a_changed_email_keeps_the_old_one_in_history()
    {
        await ImportAsync(Clean);
        var again = await ImportAsync(Clean);
        Assert.Equal((0, 0, 3), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(3, (await CustomersAsync()).Count);

        var changed = await ImportAsync(Clean.Replace("helene@example.com", "helene.t@example.com"));
        Assert.Equal((0, 1, 2), (changed.Inserted, changed.Updated, changed.Unchanged));
        var helene = (await CustomersAsync())[0];
        var emails = helene.ContactPoints.Where(p => p.Kind == ContactKind.Email).OrderBy(p => p.ValidFrom).ToList();
        Assert.Equal(["helene@example.com", "helene.t@example.com"], emails.Select(e => e.Value));
        Assert.NotNull(emails[0].ValidTo);
        await using var db = _host.SystemDb();
        Assert.Equal("helene@example.com", (await db.CustomerChanges.SingleAsync(c => c.Field == "Email")).OldValue);
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "customers.imported"));
    }

    [Fact]
    public async Task Json_files_import_the_same_way_and_bad_records_are_numbered()
    {
        const string json = """
            [{"accountNumber": "J-1", "firstName": "Jeanne", "lastName": "Roy", "email": "jeanne@example.com", "language": "fr"},
             {"accountNumber": "J-2", "firstName": "Paul", "lastName": "Roy", "email": "paul@", "language": "fr"}]
            """;
        var report = await ImportAsync(json, name: "customers.json");
        Assert.False(report.Committed);
        Assert.Equal((2L, "email"), (report.Errors.Single().Line, report.Errors.Single().Field));
        var fixedReport = await ImportAsync(json.Replace("paul@", "paul@example.com"), name: "customers.json");
        Assert.Equal(2, fixedReport.Inserted);
    }

    [Fact]
    public async Task An_officer_cannot_import_into_another_merchant()
    {
        await Assert.ThrowsAsync<PrivacyDesk.Data.MerchantScopeViolationException>(() => ImportAsync(Clean, merchant: _paris.Id));
        Assert.Empty(await CustomersAsync());
    }

    [Fact]
    public async Task Orders_consents_disclosures_and_logs_import_per_entity_joined_by_account_and_without_duplicates()
    {
        await ImportAsync(Clean);
        const string orders = """
            account_number,order_number,date,items,total,currency,payment_method
            MM-1,O-1,2026-03-01T10:00:00Z,Laptop,1299.99,CAD,Visa •••• 4242
            MM-2,O-2,2026-03-02,Mouse,19.50,CAD,Mastercard •••• 1111
            """;
        var first = await ImportAsync(orders, entity: ImportEntity.Orders);
        Assert.True(first.Committed);
        Assert.Equal(2, first.Inserted);
        var again = await ImportAsync(orders, entity: ImportEntity.Orders);
        Assert.Equal((0, 2), (again.Inserted, again.Unchanged));

        var consents = await ImportAsync("""
            account,purpose,channel,state,source,at,expires_at
            MM-1,Marketing,sms,withdrawn,Call centre,2026-04-01T09:00:00Z,
            MM-1,Analytics cookies,cookies,granted,Banner,2026-04-01T09:00:00Z,2027-05-01
            """, entity: ImportEntity.Consents);
        Assert.Equal(2, consents.Inserted);
        var disclosures = await ImportAsync("""
            account_number;recipient;recipient_kind;categories;purpose;at;country
            MM-1;Purolator;Shipping company;Name, address;Delivery;2026-03-02;CA
            """, entity: ImportEntity.Disclosures);
        Assert.Equal(1, disclosures.Inserted);
        var logs = await ImportAsync("""
            account_number,at,ip,os,browser,page
            MM-2,2026-03-02T08:00:00Z,203.0.113.9,Windows 11,Firefox,/cart
            """, entity: ImportEntity.ActivityLogs);
        Assert.Equal(1, logs.Inserted);

        await using var scope = _host.ActAs(_officer);
        var helene = (await scope.ServiceProvider.GetRequiredService<CustomerService>().SearchAsync("helene")).Single();
        var profile = (await scope.ServiceProvider.GetRequiredService<CustomerService>().GetProfileAsync(helene.Id))!;
        Assert.Equal("Visa •••• 4242", profile.Orders.Single().PaymentMethodMasked);
        Assert.Equal(1299.99m, profile.Orders.Single().Total);
        Assert.Contains(profile.Consents, c => c.Channel == ConsentChannel.Sms && c.State == ConsentState.Withdrawn);
        Assert.Equal("Purolator", profile.Disclosures.Single().Recipient);
    }

    [Fact]
    public async Task A_full_card_number_or_an_unknown_account_is_refused_by_line_and_nothing_is_written()
    {
        await ImportAsync(Clean);
        var report = await ImportAsync("""
            account_number,order_number,at,items,total,payment_method
            MM-1,O-9,2026-03-01,Laptop,10.00,4111 1111 1111 1111
            NOPE,O-10,2026-03-01,Laptop,10.00,
            MM-2,O-11,yesterday,Laptop,ten,
            """, entity: ImportEntity.Orders);
        Assert.False(report.Committed);
        Assert.Equal([(2L, "payment_method"), (3L, "account_number"), (4L, "at"), (4L, "total")], report.Errors.Select(e => (e.Line, e.Field)));
        await using var db = _host.SystemDb();
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task A_card_number_with_any_separator_in_any_field_free_text_included_is_refused()
    {
        await ImportAsync(Clean);
        var notes = await ImportAsync("""
            account_number,at,channel,summary
            MM-1,2026-03-01,phone,Client says card 4111.1111.1111.1111 was charged twice
            MM-2,2026-03-02,phone,Order 2026-000123 delayed; call back at 514-555-0102
            """, entity: ImportEntity.Communications);
        Assert.False(notes.Committed);
        Assert.Equal([(2L, "summary")], notes.Errors.Select(e => (e.Line, e.Field)));
        var people = await ImportAsync("""
            Numéro de compte;Prénom;Nom;Adresse
            MM-9;Paul;Roy;"5555-5555-5555-4444, rue des Cartes"
            """);
        Assert.Equal([(2L, "postal_address")], people.Errors.Select(e => (e.Line, e.Field)));
        await using var db = _host.SystemDb();
        Assert.Equal(0, await db.Communications.CountAsync());
    }

    [Fact]
    public async Task Communications_other_records_and_people_who_are_not_customers_import_too()
    {
        await ImportAsync(Clean);
        Assert.Equal(1, (await ImportAsync("""
            account_number,at,channel,summary
            MM-1,2026-02-01T12:00:00Z,Phone,Asked about a warranty
            """, entity: ImportEntity.Communications)).Inserted);
        Assert.Equal(1, (await ImportAsync("""
            account_number,at,record_kind,description
            MM-2,2026-01-15,Job application,Sales associate
            """, entity: ImportEntity.OtherRecords)).Inserted);
        const string friends = """
            account_number,name,email,source,at
            MM-1,Paul Friend,paul.friend@example.com,Tell-A-Friend,2026-03-01
            ,Nora Nobody,nora@example.com,Contest entry,2026-03-02
            """;
        Assert.Equal(2, (await ImportAsync(friends, entity: ImportEntity.ThirdParties)).Inserted);
        Assert.Equal((0, 2), ((await ImportAsync(friends, entity: ImportEntity.ThirdParties)) is var again ? (again.Inserted, again.Unchanged) : default));

        await using var db = _host.SystemDb();
        Assert.Equal("Asked about a warranty", (await db.Communications.SingleAsync()).Summary);
        Assert.Equal("Job application", (await db.OtherRecords.SingleAsync()).Kind);
        var referred = await db.ThirdPartyPeople.OrderBy(p => p.Name).ToListAsync();
        Assert.NotNull(referred.Single(p => p.Name == "Paul Friend").ReferredByCustomerId);
        Assert.Null(referred.Single(p => p.Name == "Nora Nobody").ReferredByCustomerId);
    }
}

/// <summary>Mutation fuzzing of the CSV import: damaged files never crash it, and every row it does not accept is reported.</summary>
public sealed class CustomerImportFuzzTests
{
    [Fact]
    public async Task Mutated_files_are_reported_never_crash_and_dry_runs_write_nothing()
    {
        await using var host = await TestHost.CreateAsync();
        var merchant = await host.CreateMerchantAsync("laval", "Informatique Laval", "CA", "QC");
        var officer = await host.CreateUserAsync("officer@laval.example", [Roles.PrivacyOfficer], merchant.Id);
        var lines = new List<string> { "account_number,first_name,last_name,email,phone,postal_code,language" };
        for (var i = 0; i < 30; i++) lines.Add($"MM-{i},Prénom{i},\"Nom, {i}\",p{i}@example.com,514-555-{i:D4},H7G 2V{i % 10},{(i % 2 == 0 ? "fr" : "en")}");
        var clean = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        var random = new Random(20261122);
        var specials = new[] { "\"", ",", ";", "\n", "\r", "\t", "\0", "\uFEFF", "=cmd|' /C calc'!A0", "é", "\"\"", new string('x', 5000) };
        for (var run = 0; run < 150; run++)
        {
            var bytes = (byte[])clean.Clone();
            switch (random.Next(4))
            {
                case 0: for (var k = 0; k < 10; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256); break;
                case 1: bytes = bytes[..random.Next(1, bytes.Length)]; break;
                case 2:
                    var at = random.Next(bytes.Length);
                    bytes = [.. bytes[..at], .. Encoding.UTF8.GetBytes(specials[random.Next(specials.Length)]), .. bytes[at..]];
                    break;
                default:
                    var text = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
                    var row = random.Next(1, text.Count);
                    text[row] = string.Join(",", Enumerable.Reverse(text[row].Split(',')));
                    bytes = Encoding.UTF8.GetBytes(string.Join("\n", text));
                    break;
            }
            var format = CustomerFileReader.FormatOf("fuzz.csv");
            IReadOnlyList<string> headers;
            try { headers = await CustomerFileReader.HeadersAsync(new MemoryStream(bytes), format); }
            catch (InvalidDataException) { continue; } // an unreadable header line is refused with a message before any import
            await using var scope = host.ActAs(officer);
            var report = await scope.ServiceProvider.GetRequiredService<CustomerImportService>().ImportAsync(merchant.Id, () => new MemoryStream(bytes),
                format, CustomerImportService.GuessMap(headers), new ImportOptions(DryRun: true));
            Assert.False(report.Committed);
            Assert.True(report.Valid <= report.Rows, $"run {run}: {report.Valid} valid of {report.Rows}");
            Assert.True(report.ErrorCount > 0 || report.Valid == report.Rows, $"run {run}: rows dropped without a reported reason");
            Assert.All(report.Errors, e => Assert.True(e.Line >= 1));
        }
        await using var db = host.SystemDb();
        Assert.Equal(0, await db.Customers.CountAsync());
    }
}
