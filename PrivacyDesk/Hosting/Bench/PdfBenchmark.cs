using System.Diagnostics;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Documents;
using PrivacyDesk.Features.Documents.AccessResponse;
using PrivacyDesk.Features.Documents.Pdf;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Hosting.Bench;

/// <summary>
/// The access response for a customer with many transactions: building the document model and
/// rendering it to PDF (layout, fonts, compression), timed separately from loading the data.
/// </summary>
public static class PdfBenchmark
{
    public static void Run(UiText text, int transactions, int iterations, TextWriter output)
    {
        var merchant = Demo.DemoMerchants.All.First();
        var now = DateTimeOffset.UtcNow;
        var customer = new Customer { Id = 1, MerchantId = 1, AccountNumber = "MM-100001", FirstName = "Hélène", LastName = "Tremblay", Language = "fr", CreatedAt = now.AddYears(-5) };
        var random = new Random(7);
        var orders = Enumerable.Range(1, transactions).Select(i => new CustomerOrder
        {
            Id = i, CustomerId = 1, MerchantId = 1, OrderNumber = $"CMD-{i:D6}", At = now.AddHours(-i * 3), Total = random.Next(5, 3000) + 0.99m,
            Items = random.Next(3) switch { 0 => "Clavier sans fil, souris optique", 1 => "Écran 27 po, câble HDMI 2 m, support articulé", _ => "Carte graphique" },
            PaymentMethodMasked = "VISA **** 4242",
        }).ToList();
        var profile = new CustomerProfile(customer,
            [new() { MerchantId = 1, Kind = ContactKind.Email, Value = "helene.tremblay@example.com", ValidFrom = now.AddYears(-5) }],
            [], orders, [], [], [], [], [], [], [], InventoryDefaults.For(ToMerchant(merchant)).ToList());
        var request = new PrivacyRequest { Id = 1, MerchantId = 1, Reference = "PD-2026-000001", RequesterName = "Hélène Tremblay", TypeCodes = "access", Language = "fr",
            ReceivedAt = now, ReceivedOn = DateOnly.FromDateTime(now.UtcDateTime), EffectiveDue = DateOnly.FromDateTime(now.UtcDateTime).AddDays(30) };
        var input = new AccessResponseInput(request, ToMerchant(merchant), profile, DateOnly.FromDateTime(now.UtcDateTime));
        var t = new DocText(text, "fr");

        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        output.WriteLine($"Access response for a customer with {transactions:N0} transactions, {iterations} runs after one warm-up");
        PdfRenderer.Render(AccessResponseBuilder.Build(input, t)); // warm-up: JIT, font loading
        var times = new List<double>();
        var pages = 0;
        var bytes = 0;
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            var pdf = PdfRenderer.Render(AccessResponseBuilder.Build(input, t));
            sw.Stop();
            times.Add(sw.Elapsed.TotalMilliseconds);
            bytes = pdf.Length;
            pages = CountPages(pdf);
        }
        times.Sort();
        var median = times[times.Count / 2];
        output.WriteLine($"PDF: {pages} pages, {bytes / 1024:N0} KiB; median {median:N0} ms, best {times[0]:N0} ms, worst {times[^1]:N0} ms; {pages / (median / 1000):N0} pages/s");
        var zip = Stopwatch.StartNew();
        var archive = PortableExport.Build(input, t);
        output.WriteLine($"ZIP (JSON + CSV): {archive.Length / 1024:N0} KiB in {zip.Elapsed.TotalMilliseconds:N0} ms");
    }

    private static Merchant ToMerchant(MerchantInput m) => new()
    {
        Id = 1, Slug = m.Slug, Name = m.Name, LegalName = m.LegalName, Country = m.Country, Province = m.Province, DefaultLanguage = m.DefaultLanguage,
        PrivacyOfficerName = m.PrivacyOfficerName, PrivacyOfficerEmail = m.PrivacyOfficerEmail, PrivacyOfficerPhone = m.PrivacyOfficerPhone, PostalAddress = m.PostalAddress,
    };

    private static int CountPages(byte[] pdf)
    {
        using var doc = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        return doc.PageCount;
    }
}
