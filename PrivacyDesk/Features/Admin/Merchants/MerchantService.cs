using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Admin.Merchants;

public sealed record MerchantInput(
    string Slug, string Name, string? LegalName, string? QuebecEnterpriseNumber, string Country, string? Province,
    string DefaultLanguage, string? PrivacyOfficerName, string? PrivacyOfficerEmail, string? PrivacyOfficerPhone,
    string? PostalAddress, bool IsActive = true, int AcknowledgementBusinessDays = 2, int BreachNoticeTargetHours = 72, bool ConfirmWebFormEmail = true, string? BrandColor = null)
{
    public static MerchantInput From(Merchant m) => new(m.Slug, m.Name, m.LegalName, m.QuebecEnterpriseNumber, m.Country,
        m.Province, m.DefaultLanguage, m.PrivacyOfficerName, m.PrivacyOfficerEmail, m.PrivacyOfficerPhone, m.PostalAddress, m.IsActive,
        m.AcknowledgementBusinessDays, m.BreachNoticeTargetHours, m.ConfirmWebFormEmail, m.BrandColor);
}

public sealed record MerchantResult(bool Succeeded, IReadOnlyList<string> Errors, Merchant? Merchant = null, bool Conflict = false)
{
    /// <summary>Errors that belong to one field (keyed by <see cref="MerchantInput"/>'s property names), shown on that field.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    public static MerchantResult Fail(params string[] errors) => new(false, errors);
    public static MerchantResult Invalid(IReadOnlyDictionary<string, string> fieldErrors) => new(false, fieldErrors.Values.ToList()) { FieldErrors = fieldErrors };
    public static MerchantResult FailOn(string field, string error) => Invalid(new Dictionary<string, string> { [field] = error });
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
        var errors = ValidateFields(input, text);
        if (errors.Count > 0) return MerchantResult.Invalid(errors);
        if (await ctx.Merchants.IgnoreQueryFilters().AnyAsync(m => m.Slug == input.Slug, ct))
            return MerchantResult.FailOn(nameof(MerchantInput.Slug), text.Format("Merchants.SlugTaken", input.Slug));

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
        var errors = ValidateFields(input, text);
        if (errors.Count > 0) return MerchantResult.Invalid(errors);
        await using var ctx = await db.OpenAsync(ct);
        var merchant = await ctx.Merchants.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (merchant is null) return MerchantResult.Fail(text["Merchants.NotFound"]);
        if (merchant.Slug != input.Slug && await ctx.Merchants.IgnoreQueryFilters().AnyAsync(m => m.Slug == input.Slug, ct))
            return MerchantResult.FailOn(nameof(MerchantInput.Slug), text.Format("Merchants.SlugTaken", input.Slug));
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
        m.ConfirmWebFormEmail = input.ConfirmWebFormEmail;
        m.BrandColor = string.IsNullOrWhiteSpace(input.BrandColor) ? null : input.BrandColor.Trim().ToLowerInvariant();
    }

    public static IReadOnlyList<string> Validate(MerchantInput input, UiText text) => ValidateFields(input, text).Values.ToList();

    public const int MaxName = 200, MaxText = 500;

    /// <summary>Each fault on the field it belongs to (keyed by <see cref="MerchantInput"/>'s property names), in the form's order.</summary>
    public static IReadOnlyDictionary<string, string> ValidateFields(MerchantInput input, UiText text)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors[nameof(MerchantInput.Name)] = text["Merchants.NameRequired"];
        else if (input.Name.Trim().Length > MaxName) errors[nameof(MerchantInput.Name)] = text.Format("Merchants.TooLong", MaxName);
        if (string.IsNullOrWhiteSpace(input.Slug) || !SlugPattern().IsMatch(input.Slug)) errors[nameof(MerchantInput.Slug)] = text["Merchants.SlugInvalid"];
        if (input.LegalName?.Trim().Length > MaxName) errors[nameof(MerchantInput.LegalName)] = text.Format("Merchants.TooLong", MaxName);
        if (!string.IsNullOrWhiteSpace(input.QuebecEnterpriseNumber) && !NeqPattern().IsMatch(input.QuebecEnterpriseNumber.Trim())) errors[nameof(MerchantInput.QuebecEnterpriseNumber)] = text["Merchants.NeqInvalid"];
        if (string.IsNullOrWhiteSpace(input.Country) || !CountryPattern().IsMatch(input.Country.Trim())) errors[nameof(MerchantInput.Country)] = text["Merchants.CountryInvalid"];
        if (!string.IsNullOrWhiteSpace(input.Province) && !ProvincePattern().IsMatch(input.Province.Trim())) errors[nameof(MerchantInput.Province)] = text["Merchants.ProvinceInvalid"];
        if (input.DefaultLanguage is not ("fr" or "en")) errors[nameof(MerchantInput.DefaultLanguage)] = text["Merchants.LanguageInvalid"];
        if (input.PrivacyOfficerName?.Trim().Length > MaxName) errors[nameof(MerchantInput.PrivacyOfficerName)] = text.Format("Merchants.TooLong", MaxName);
        // The same address rule as staff and requesters: internationalised addresses are accepted.
        if (!string.IsNullOrWhiteSpace(input.PrivacyOfficerEmail) && !Requests.RequestIntake.LooksLikeEmail(input.PrivacyOfficerEmail.Trim()))
            errors[nameof(MerchantInput.PrivacyOfficerEmail)] = text["Merchants.EmailInvalid"];
        if (input.PrivacyOfficerPhone?.Trim().Length > 40) errors[nameof(MerchantInput.PrivacyOfficerPhone)] = text.Format("Merchants.TooLong", 40);
        if (input.PostalAddress?.Trim().Length > MaxText) errors[nameof(MerchantInput.PostalAddress)] = text.Format("Merchants.TooLong", MaxText);
        if (input.AcknowledgementBusinessDays is < 0 or > 30) errors[nameof(MerchantInput.AcknowledgementBusinessDays)] = text["Merchants.AckDaysInvalid"];
        if (input.BreachNoticeTargetHours is < 1 or > 720) errors[nameof(MerchantInput.BreachNoticeTargetHours)] = text["Merchants.BreachHoursInvalid"];
        if (!string.IsNullOrWhiteSpace(input.BrandColor) && !BrandColors.IsValid(input.BrandColor.Trim())) errors[nameof(MerchantInput.BrandColor)] = text["Merchants.BrandColorInvalid"];
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
