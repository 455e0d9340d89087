using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Admin.Merchants;

public sealed record MerchantInput(
    string Slug, string Name, string? LegalName, string? QuebecEnterpriseNumber, string Country, string? Province,
    string DefaultLanguage, string? PrivacyOfficerName, string? PrivacyOfficerEmail, string? PrivacyOfficerPhone,
    string? PostalAddress, bool IsActive = true, int AcknowledgementBusinessDays = 2, int BreachNoticeTargetHours = 72)
{
    public static MerchantInput From(Merchant m) => new(m.Slug, m.Name, m.LegalName, m.QuebecEnterpriseNumber, m.Country,
        m.Province, m.DefaultLanguage, m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.PrivacyOfficerPhone, m.PostalAddress, m.IsActive,
        m.AcknowledgementBusinessDays, m.BreachNoticeTargetHours);
}

public sealed record MerchantResult(bool Succeeded, IReadOnlyList<string> Errors, Merchant? Merchant = null, bool Conflict = false)
{
    public static MerchantResult Fail(params string[] errors) => new(false, errors);
}

/// <summary>Merchants: everyone reads the ones in their scope; only admins create or edit.</summary>
public sealed partial class MerchantService(Db db, CurrentStaff staff, UiText text, TimeProvider clock)
{
    public async Task<IReadOnlyList<Merchant>> ListAsync(CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.Merchants.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
    }

    public async Task<Merchant?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
    }

    public async Task<MerchantResult> CreateAsync(MerchantInput input, CancellationToken ct = default)
    {
        await RequireAdminAsync(ct);
        await using var ctx = await db.OpenAsync(ct);
        return await CreateInAsync(ctx, input, text, clock, ct);
    }

    /// <summary>Creation shared by the admin page and the CLI (which passes a system context).</summary>
    public static async Task<MerchantResult> CreateInAsync(PrivacyDeskDbContext ctx, MerchantInput input, UiText text, TimeProvider clock, CancellationToken ct)
    {
        var errors = Validate(input, text);
        if (errors.Count > 0) return new MerchantResult(false, errors);
        if (await ctx.Merchants.IgnoreQueryFilters().AnyAsync(m => m.Slug == input.Slug, ct))
            return MerchantResult.Fail(text.Format("Merchants.SlugTaken", input.Slug));

        var merchant = new Merchant { Slug = input.Slug, Name = input.Name, Country = input.Country, CreatedAt = clock.GetUtcNow() };
        Apply(merchant, input);
        ctx.Merchants.Add(merchant);
        await ctx.SaveChangesAsync(ct);
        ctx.Audit("merchant.created", nameof(Merchant), merchant.Id, merchant.Id, input);
        await ctx.SaveChangesAsync(ct);
        return new MerchantResult(true, [], merchant);
    }

    /// <summary>Saves an edit unless someone else saved the merchant since <paramref name="version"/> was read.</summary>
    public async Task<MerchantResult> UpdateAsync(int id, Guid version, MerchantInput input, CancellationToken ct = default)
    {
        await RequireAdminAsync(ct);
        var errors = Validate(input, text);
        if (errors.Count > 0) return new MerchantResult(false, errors);
        await using var ctx = await db.OpenAsync(ct);
        var merchant = await ctx.Merchants.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (merchant is null) return MerchantResult.Fail(text["Merchants.NotFound"]);
        if (merchant.Slug != input.Slug && await ctx.Merchants.IgnoreQueryFilters().AnyAsync(m => m.Slug == input.Slug, ct))
            return MerchantResult.Fail(text.Format("Merchants.SlugTaken", input.Slug));
        if (merchant.Version != version)
            return new MerchantResult(false, [text["Concurrency.Changed"]], merchant, Conflict: true);

        var before = MerchantInput.From(merchant);
        merchant.Slug = input.Slug;
        Apply(merchant, input);
        ctx.Entry(merchant).Property(m => m.Version).OriginalValue = version;
        ctx.Audit("merchant.updated", nameof(Merchant), merchant.Id, merchant.Id, new { before, after = input });
        try
        {
            await ctx.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await ctx.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
            return new MerchantResult(false, [text["Concurrency.Changed"]], current, Conflict: true);
        }
        return new MerchantResult(true, [], merchant);
    }

    private static void Apply(Merchant m, MerchantInput input)
    {
        m.Name = input.Name.Trim();
        m.LegalName = Blank(input.LegalName);
        m.QuebecEnterpriseNumber = Blank(input.QuebecEnterpriseNumber);
        m.Country = input.Country.Trim().ToUpperInvariant();
        m.Province = Blank(input.Province)?.ToUpperInvariant();
        m.DefaultLanguage = input.DefaultLanguage;
        m.PrivacyOfficerName = Blank(input.PrivacyOfficerName);
        m.PrivacyOfficerEmail = Blank(input.PrivacyOfficerEmail);
        m.PrivacyOfficerPhone = Blank(input.PrivacyOfficerPhone);
        m.PostalAddress = Blank(input.PostalAddress);
        m.IsActive = input.IsActive;
        m.AcknowledgementBusinessDays = input.AcknowledgementBusinessDays;
        m.BreachNoticeTargetHours = input.BreachNoticeTargetHours;
    }

    public static IReadOnlyList<string> Validate(MerchantInput input, UiText text)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(input.Slug) || !SlugPattern().IsMatch(input.Slug)) errors.Add(text["Merchants.SlugInvalid"]);
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add(text["Merchants.NameRequired"]);
        if (string.IsNullOrWhiteSpace(input.Country) || !CountryPattern().IsMatch(input.Country.Trim())) errors.Add(text["Merchants.CountryInvalid"]);
        if (!string.IsNullOrWhiteSpace(input.Province) && !ProvincePattern().IsMatch(input.Province.Trim())) errors.Add(text["Merchants.ProvinceInvalid"]);
        if (input.DefaultLanguage is not ("fr" or "en")) errors.Add(text["Merchants.LanguageInvalid"]);
        if (!string.IsNullOrWhiteSpace(input.QuebecEnterpriseNumber) && !NeqPattern().IsMatch(input.QuebecEnterpriseNumber.Trim())) errors.Add(text["Merchants.NeqInvalid"]);
        if (!string.IsNullOrWhiteSpace(input.PrivacyOfficerEmail) && !input.PrivacyOfficerEmail.Contains('@')) errors.Add(text["Merchants.EmailInvalid"]);
        if (input.AcknowledgementBusinessDays is < 0 or > 30) errors.Add(text["Merchants.AckDaysInvalid"]);
        if (input.BreachNoticeTargetHours is < 1 or > 720) errors.Add(text["Merchants.BreachHoursInvalid"]);
        return errors;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task RequireAdminAsync(CancellationToken ct)
    {
        if (!(await staff.GetAsync(ct)).IsAdmin) throw new UnauthorizedAccessException("Only an administrator can manage merchants.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")] private static partial Regex SlugPattern();
    [GeneratedRegex("^[A-Za-z]{2}$")] private static partial Regex CountryPattern();
    [GeneratedRegex("^[A-Za-z0-9]{1,3}$")] private static partial Regex ProvincePattern();
    [GeneratedRegex("^[0-9]{10}$")] private static partial Regex NeqPattern();
}
