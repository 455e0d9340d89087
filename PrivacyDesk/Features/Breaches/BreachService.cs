using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Data;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Hosting.Localization;

namespace PrivacyDesk.Features.Breaches;

public sealed record IncidentInput(int MerchantId, string Title, string Description, string Cause, string HowDiscovered,
    DateTimeOffset? OccurredFrom, DateTimeOffset? OccurredTo, DateTimeOffset AwareAt, DateTimeOffset? ContainedAt, string Systems,
    IReadOnlyList<DataCategory> Categories, string InformationInvolved, string MeasuresTaken, string MeasuresPlanned, string AdviceToPersons,
    string? ReasonsForDelay, bool PublicNotice, string LikelyConsequences = "", int? ApproximateRecords = null, string OtherAuthorities = "",
    string? PublicNoticeReason = null, IReadOnlyDictionary<string, string>? Translation = null);

/// <summary>Who to add as affected: customers with data in these categories, active in a period, living in these regions.</summary>
public sealed record AffectedQuery(IReadOnlyList<DataCategory> Categories, DateOnly? ActiveFrom, DateOnly? ActiveTo, IReadOnlyList<string> Regions);

/// <summary>Whom a query would add: how many, the first names (alphabetically), and the count per country and region.</summary>
public sealed record AffectedMatch(int Count, IReadOnlyList<string> FirstNames, IReadOnlyList<(string Country, string Region, int Count)> ByPlace);

public sealed record BreachResult(bool Succeeded, string? Error = null, int Count = 0, IReadOnlyList<string>? Problems = null, int? Id = null, bool Conflict = false)
{
    /// <summary>A refusal's message per field of <see cref="IncidentInput"/> (by property name), for the form to show on the field.</summary>
    public IReadOnlyDictionary<string, string>? FieldErrors { get; init; }

    public static BreachResult Fail(string error) => new(false, error);

    /// <summary>Refused for the input: the first message as <see cref="Error"/>, every one on its field.</summary>
    public static BreachResult Invalid(IReadOnlyDictionary<string, string> errors) => new(false, errors.Values.First()) { FieldErrors = errors };
}

public sealed record IncidentView(Incident Incident, IReadOnlyList<IncidentEvent> Events, IReadOnlyList<AffectedPerson> People,
    IReadOnlyList<RiskAssessment> Assessments, IReadOnlyList<Filing> Filings, IReadOnlyList<BreachRegime> Regimes,
    IReadOnlyList<BreachClock> Clocks, Admin.Merchants.Merchant Merchant);

/// <summary>
/// Incidents from creation to closing: facts, affected people (by query, by list, by hand), risk per
/// regime, and the clocks. Officers and admins change them; managers read. Every change is audited
/// and on the incident's timeline; edits carry the version the user saw.
/// </summary>
public sealed partial class BreachService(Db db, CurrentStaff staff, UiText text, TimeProvider clock)
{
    private static readonly string[] Handlers = [Roles.Admin, Roles.PrivacyOfficer];
    public static readonly string[] Readers = [Roles.Admin, Roles.PrivacyOfficer, Roles.Manager];

    public async Task<List<Incident>> ListAsync(CancellationToken ct = default)
    {
        await RequireAsync(Readers, ct);
        await using var ctx = await db.OpenAsync(ct);
        return await ctx.Incidents.AsNoTracking().OrderByDescending(i => i.AwareAt).ToListAsync(ct);
    }

    public async Task<IncidentView?> GetAsync(int id, CancellationToken ct = default)
    {
        await RequireAsync(Readers, ct);
        await using var ctx = await db.OpenAsync(ct);
        var incident = await ctx.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return null;
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
        var people = await ctx.AffectedPeople.AsNoTracking().Where(p => p.IncidentId == id).OrderBy(p => p.Name).ToListAsync(ct);
        await RefreshNoticeStatusAsync(ctx, people, ct);
        var regimes = RiskRules.ApplicableTo(merchant.Country, people);
        return new IncidentView(incident,
            await ctx.IncidentEvents.AsNoTracking().Where(e => e.IncidentId == id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Select(e => new IncidentEvent { Id = e.Id, IncidentId = e.IncidentId, MerchantId = e.MerchantId, At = e.At, Kind = e.Kind, ActorName = e.ActorName, Text = e.Text, FileName = e.FileName })
                .ToListAsync(ct),
            people,
            await ctx.RiskAssessments.AsNoTracking().Where(r => r.IncidentId == id).OrderByDescending(r => r.AssessedAt).ToListAsync(ct),
            await ctx.Filings.AsNoTracking().Where(f => f.IncidentId == id).OrderByDescending(f => f.ExportedAt).ToListAsync(ct),
            regimes, BreachClocks.For(incident, regimes, merchant.Country, merchant.Province, merchant.BreachNoticeTargetHours, clock.GetUtcNow()), merchant);
    }

    public async Task<BreachResult> CreateAsync(IncidentInput input, CancellationToken ct = default)
    {
        var me = await RequireAsync(Handlers, ct);
        if (ValidateInput(input) is { Count: > 0 } errors) return BreachResult.Invalid(errors);
        if (!me.Scope.Allows(input.MerchantId)) return BreachResult.Fail(text["Breach.NotYourMerchant"]);
        // Said in the form, which keeps the account of the incident as typed.
        return await SavingAsync(() => CreateCoreAsync(input, me, ct));
    }

    private async Task<BreachResult> CreateCoreAsync(IncidentInput input, StaffIdentity me, CancellationToken ct)
    {
        await using var ctx = await db.OpenAsync(ct);
        await using var tx = await ctx.Database.BeginWriteAsync(ct);
        var year = input.AwareAt.UtcDateTime.Year;
        var prefix = $"BR-{year}-";
        var count = await ctx.Incidents.IgnoreQueryFilters().CountAsync(i => i.Reference.StartsWith(prefix), ct);
        var now = clock.GetUtcNow();
        var language = await ctx.Merchants.Where(m => m.Id == input.MerchantId).Select(m => m.DefaultLanguage).FirstAsync(ct);
        var incident = new Incident { MerchantId = input.MerchantId, Reference = $"{prefix}{count + 1:D4}", Title = input.Title.Trim(), CreatedAt = now, OwnerName = me.DisplayName,
            FactsLanguage = language == "en" ? "en" : "fr" };
        Apply(incident, input, now);
        ctx.Incidents.Add(incident);
        await ctx.SaveChangesAsync(ct);
        AddEvent(ctx, incident, IncidentEventKind.Created, me, null);
        ctx.Audit("incident.created", nameof(Incident), incident.Id, incident.MerchantId, new { incident.Reference, incident.Title, incident.AwareAt });
        await ctx.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BreachResult(true, Id: incident.Id);
    }

    public async Task<BreachResult> UpdateAsync(int id, Guid version, IncidentInput input, CancellationToken ct = default)
    {
        await RequireAsync(Handlers, ct);
        if (ValidateInput(input) is { Count: > 0 } errors) return BreachResult.Invalid(errors);
        return await MutateAsync(id, version, "incident.updated", ct, (ctx, incident, me) =>
        {
            Apply(incident, input, clock.GetUtcNow());
            AddEvent(ctx, incident, IncidentEventKind.Updated, me, null);
            return Task.FromResult<string?>(null);
        });
    }

    public Task<BreachResult> SetStatusAsync(int id, Guid version, IncidentStatus status, CancellationToken ct = default) =>
        MutateAsync(id, version, "incident.status-changed", ct, (ctx, incident, me) =>
        {
            var from = incident.Status;
            incident.Status = status;
            incident.ClosedAt = status == IncidentStatus.Closed ? clock.GetUtcNow() : null;
            AddEvent(ctx, incident, IncidentEventKind.StatusChanged, me, $"{from} → {status}");
            return Task.FromResult<string?>(null);
        });

    public Task<BreachResult> AddNoteAsync(int id, string note, string? fileName = null, byte[]? file = null, CancellationToken ct = default) =>
        MutateAsync(id, null, "incident.note-added", ct, (ctx, incident, me) =>
        {
            if (string.IsNullOrWhiteSpace(note) && file is null) return Task.FromResult<string?>(text["Breach.NoteEmpty"]);
            var evt = AddEvent(ctx, incident, IncidentEventKind.Note, me, note.Trim());
            evt.FileName = fileName is null ? null : Documents.FileNames.ForDownload(fileName);
            evt.File = file;
            return Task.FromResult<string?>(null);
        });

    /// <summary>Adds the customers matching the query (not already on the incident); returns how many were added.</summary>
    public async Task<BreachResult> AddAffectedByQueryAsync(int id, AffectedQuery q, CancellationToken ct = default)
    {
        var added = 0;
        var result = await MutateAsync(id, null, "incident.affected-added", ct, async (ctx, incident, me) =>
        {
            var people = await MatchingAsync(ctx, incident, q, ct);
            ctx.AffectedPeople.AddRange(people);
            added = people.Count;
            AddEvent(ctx, incident, IncidentEventKind.AffectedAdded, me, text.Format("Breach.AddedByQuery", added));
            return null;
        });
        return result with { Count = added };
    }

    /// <summary>
    /// Whom the query would add (customers not already on the incident), for the officer to confirm first: how many,
    /// the first names, and how many per place. Nothing is changed. Null when the incident is not found.
    /// </summary>
    public async Task<AffectedMatch?> PreviewMatchingAsync(int id, AffectedQuery q, CancellationToken ct = default)
    {
        await RequireAsync(Handlers, ct);
        await using var ctx = await db.OpenAsync(ct);
        var incident = await ctx.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return null;
        var people = await MatchingAsync(ctx, incident, q, ct);
        return new AffectedMatch(people.Count, people.OrderBy(p => p.Name).Take(10).Select(p => p.Name).ToList(),
            people.GroupBy(p => (p.Country, p.Region)).OrderByDescending(g => g.Count()).Select(g => (g.Key.Country, g.Key.Region, g.Count())).ToList());
    }

    /// <summary>The customers with data in the categories, active in the period, living in the regions, not yet on the incident, as people to add.</summary>
    private static async Task<List<AffectedPerson>> MatchingAsync(PrivacyDeskDbContext ctx, Incident incident, AffectedQuery q, CancellationToken ct)
    {
        var id = incident.Id;
        var customers = ctx.Customers.AsNoTracking().Where(c => c.MerchantId == incident.MerchantId && c.Status != CustomerStatus.Anonymised);
        if (q.ActiveFrom is { } from) { var f = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); customers = customers.Where(c => c.LastActivityAt >= f); }
        if (q.ActiveTo is { } to) { var t = new DateTimeOffset(to.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero); customers = customers.Where(c => c.CreatedAt <= t); }
        var cats = q.Categories;
        if (cats.Count > 0)
            customers = customers.Where(c =>
                cats.Contains(DataCategory.Identity) || cats.Contains(DataCategory.Contact)
                || (cats.Contains(DataCategory.Orders) && ctx.Orders.Any(o => o.CustomerId == c.Id))
                || (cats.Contains(DataCategory.Preferences) && ctx.Consents.Any(o => o.CustomerId == c.Id))
                || (cats.Contains(DataCategory.DeviceAndLogs) && ctx.ActivityLogs.Any(o => o.CustomerId == c.Id))
                || (cats.Contains(DataCategory.Communications) && ctx.Communications.Any(o => o.CustomerId == c.Id))
                || (cats.Contains(DataCategory.Disclosures) && ctx.Disclosures.Any(o => o.CustomerId == c.Id))
                || (cats.Contains(DataCategory.Other) && ctx.OtherRecords.Any(o => o.CustomerId == c.Id)));
        var existing = (await ctx.AffectedPeople.Where(p => p.IncidentId == id && p.CustomerId != null).Select(p => p.CustomerId!.Value).ToListAsync(ct)).ToHashSet();
        var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
        var candidates = await customers.Select(c => new
        {
            c.Id, c.FirstName, c.LastName, c.Language,
            Email = ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Email && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
            Postal = ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Postal && p.ValidTo == null).Select(p => p.PostalCode).FirstOrDefault(),
            Address = ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Postal && p.ValidTo == null).Select(p => p.Value + " " + (p.PostalCode ?? "")).FirstOrDefault(),
        }).ToListAsync(ct);
        var people = new List<AffectedPerson>();
        foreach (var c in candidates.Where(c => !existing.Contains(c.Id)))
        {
            var (country, region) = Regions.FromPostalCode(merchant.Country, c.Postal);
            if (q.Regions.Count > 0 && !q.Regions.Contains(region, StringComparer.OrdinalIgnoreCase) && !q.Regions.Contains(country, StringComparer.OrdinalIgnoreCase)) continue;
            people.Add(new AffectedPerson { IncidentId = id, MerchantId = incident.MerchantId, CustomerId = c.Id, Name = $"{c.FirstName} {c.LastName}".Trim(),
                Email = c.Email, PostalAddress = c.Address?.Trim(), Language = c.Language, Country = country, Region = region });
        }
        return people;
    }

    /// <summary>Adds customers by account number or email, one per line; lines that match no customer are reported by number.</summary>
    public async Task<BreachResult> AddAffectedByListAsync(int id, string lines, CancellationToken ct = default)
    {
        var added = 0;
        var problems = new List<string>();
        var result = await MutateAsync(id, null, "incident.affected-added", ct, async (ctx, incident, me) =>
        {
            var merchant = await ctx.Merchants.AsNoTracking().FirstAsync(m => m.Id == incident.MerchantId, ct);
            var existing = (await ctx.AffectedPeople.Where(p => p.IncidentId == id && p.CustomerId != null).Select(p => p.CustomerId!.Value).ToListAsync(ct)).ToHashSet();
            var n = 0;
            foreach (var raw in lines.Split('\n'))
            {
                n++;
                var key = raw.Trim().Trim(',', ';');
                if (key.Length == 0) continue;
                var lower = key.ToLowerInvariant();
                var customer = await ctx.Customers.AsNoTracking()
                    .Where(c => c.MerchantId == incident.MerchantId && (c.AccountNumber == key || ctx.ContactPoints.Any(p => p.CustomerId == c.Id && p.Kind == ContactKind.Email && p.Value == lower)))
                    .Select(c => new { c.Id, c.FirstName, c.LastName, c.Language,
                        Email = ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Email && p.ValidTo == null).Select(p => p.Value).FirstOrDefault(),
                        Postal = ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Postal && p.ValidTo == null).Select(p => p.PostalCode).FirstOrDefault(),
                        Address = ctx.ContactPoints.Where(p => p.CustomerId == c.Id && p.Kind == ContactKind.Postal && p.ValidTo == null).Select(p => p.Value + " " + (p.PostalCode ?? "")).FirstOrDefault() })
                    .FirstOrDefaultAsync(ct);
                if (customer is null) { problems.Add(text.Format("Breach.ListLineUnknown", n, key)); continue; }
                if (!existing.Add(customer.Id)) continue;
                var (country, region) = Regions.FromPostalCode(merchant.Country, customer.Postal);
                ctx.AffectedPeople.Add(new AffectedPerson { IncidentId = id, MerchantId = incident.MerchantId, CustomerId = customer.Id,
                    Name = $"{customer.FirstName} {customer.LastName}".Trim(), Email = customer.Email, PostalAddress = customer.Address?.Trim(), Language = customer.Language, Country = country, Region = region });
                added++;
            }
            AddEvent(ctx, incident, IncidentEventKind.AffectedAdded, me, text.Format("Breach.AddedByList", added, problems.Count));
            return null;
        });
        return result with { Count = added, Problems = problems };
    }

    /// <summary>Someone who is not a customer (an employee, a visitor), entered by hand.</summary>
    public Task<BreachResult> AddPersonAsync(int id, string name, string? email, string language, string country, string region, CancellationToken ct = default) =>
        AddPersonAsync(id, name, email, language, country, region, postalAddress: null, ct);

    public async Task<BreachResult> AddPersonAsync(int id, string name, string? email, string language, string country, string region, string? postalAddress, CancellationToken ct = default)
    {
        await RequireAsync(Handlers, ct);
        // Said on the fields: "Name", "Email".
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name)) errors["Name"] = text["Requests.NameRequired"];
        if (!string.IsNullOrWhiteSpace(email) && !Requests.RequestIntake.LooksLikeEmail(email.Trim())) errors["Email"] = text["Breach.BadEmail"];
        if (errors.Count > 0) return BreachResult.Invalid(errors);
        return await MutateAsync(id, null, "incident.affected-added", ct, (ctx, incident, me) =>
        {
            if (string.IsNullOrWhiteSpace(name)) return Task.FromResult<string?>(text["Requests.NameRequired"]);
            if (!string.IsNullOrWhiteSpace(email) && !Requests.RequestIntake.LooksLikeEmail(email.Trim())) return Task.FromResult<string?>(text["Breach.BadEmail"]);
            ctx.AffectedPeople.Add(new AffectedPerson { IncidentId = id, MerchantId = incident.MerchantId, Name = name.Trim(), Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant(),
                PostalAddress = string.IsNullOrWhiteSpace(postalAddress) ? null : postalAddress.Trim(),
                Language = language == "en" ? "en" : "fr", Country = country.Trim().ToUpperInvariant(), Region = region.Trim().ToUpperInvariant() });
            AddEvent(ctx, incident, IncidentEventKind.AffectedAdded, me, name.Trim());
            return Task.FromResult<string?>(null);
        });
    }

    /// <summary>Records the officer's judgement for one regime; the rule gives the verdict; both are kept with the reasoning.</summary>
    public Task<BreachResult> AssessAsync(int id, BreachRegime regime, RiskLevel sensitivity, RiskLevel likelihood, RiskLevel consequences, string reasoning, CancellationToken ct = default) =>
        MutateAsync(id, null, "incident.assessed", ct, async (ctx, incident, me) =>
        {
            if (string.IsNullOrWhiteSpace(reasoning)) return text["Breach.ReasoningRequired"];
            var arizona = await ctx.AffectedPeople.CountAsync(p => p.IncidentId == id && p.Country == "US" && p.Region == "AZ", ct);
            var verdict = RiskRules.Assess(regime, sensitivity, likelihood, consequences, arizona);
            ctx.RiskAssessments.Add(new RiskAssessment
            {
                IncidentId = id, MerchantId = incident.MerchantId, Regime = regime, Sensitivity = sensitivity, Likelihood = likelihood, Consequences = consequences,
                Reasoning = reasoning.Trim(), Outcome = verdict.OutcomeKey, NotifyRegulator = verdict.NotifyRegulator, NotifyPersons = verdict.NotifyPersons,
                NotifyOthers = verdict.NotifyOthers, AssessedAt = clock.GetUtcNow(), AssessedBy = me.DisplayName,
            });
            if (incident.Status == IncidentStatus.Open) incident.Status = IncidentStatus.Assessing;
            AddEvent(ctx, incident, IncidentEventKind.Assessed, me, $"{text[$"Regime.{regime}"]} : {text[verdict.OutcomeKey]}");
            return null;
        });

    private static void Apply(Incident i, IncidentInput input, DateTimeOffset now)
    {
        i.MerchantId = input.MerchantId;
        i.Title = input.Title.Trim();
        i.Description = input.Description.Trim();
        i.Cause = input.Cause.Trim();
        i.HowDiscovered = input.HowDiscovered.Trim();
        i.OccurredFrom = input.OccurredFrom;
        i.OccurredTo = input.OccurredTo;
        i.AwareAt = input.AwareAt;
        i.ContainedAt = input.ContainedAt;
        i.Systems = input.Systems.Trim();
        i.DataCategories = string.Join(',', input.Categories.Distinct().Order());
        i.InformationInvolved = input.InformationInvolved.Trim();
        i.MeasuresTaken = input.MeasuresTaken.Trim();
        i.MeasuresPlanned = input.MeasuresPlanned.Trim();
        i.AdviceToPersons = input.AdviceToPersons.Trim();
        i.ReasonsForDelay = string.IsNullOrWhiteSpace(input.ReasonsForDelay) ? null : input.ReasonsForDelay.Trim();
        i.LikelyConsequences = input.LikelyConsequences.Trim();
        i.ApproximateRecords = input.ApproximateRecords;
        i.OtherAuthorities = input.OtherAuthorities.Trim();
        i.Translations = IncidentFacts.Serialize(input.Translation);
        if (input.PublicNotice && !i.PublicNotice) i.PublicNoticeAt = now;
        i.PublicNotice = input.PublicNotice;
        i.PublicNoticeReason = input.PublicNotice ? input.PublicNoticeReason?.Trim() : null;
        i.UpdatedAt = now;
    }

    /// <summary>
    /// What is wrong with an incident's facts, by field (the property names of <see cref="IncidentInput"/>); empty when it
    /// may be saved. What goes into the filings must be possible: it began before anyone knew of it, and before now
    /// (occurred &lt;= aware &lt;= now); it was contained after it began, and not in the future.
    /// </summary>
    public IReadOnlyDictionary<string, string> ValidateInput(IncidentInput input)
    {
        var errors = new Dictionary<string, string>();
        void Add(string field, string key) => errors.TryAdd(field, text[key]);
        if (string.IsNullOrWhiteSpace(input.Title)) Add(nameof(IncidentInput.Title), "Breach.TitleRequired");
        // A few minutes' grace: the default "now" of a form opened a moment ago is not the future.
        var now = clock.GetUtcNow().AddMinutes(5);
        if (input.OccurredFrom > now) Add(nameof(IncidentInput.OccurredFrom), "Breach.OccurredInFuture");
        if (input.OccurredTo > now) Add(nameof(IncidentInput.OccurredTo), "Breach.OccurredInFuture");
        if (input.OccurredFrom is { } f && input.OccurredTo is { } t && t < f) Add(nameof(IncidentInput.OccurredTo), "Breach.PeriodBackwards");
        if (input.AwareAt > now) Add(nameof(IncidentInput.AwareAt), "Breach.AwareInFuture");
        else if (input.OccurredFrom is { } from && from > input.AwareAt) Add(nameof(IncidentInput.AwareAt), "Breach.AwareBeforeOccurred");
        if (input.ContainedAt is { } contained)
        {
            if (contained > now) Add(nameof(IncidentInput.ContainedAt), "Breach.ContainedInFuture");
            else if (input.OccurredFrom is { } begin && contained < begin) Add(nameof(IncidentInput.ContainedAt), "Breach.ContainedBeforeOccurred");
        }
        // The register says why a public notice was given (Quebec regulation s. 6): a tick alone is not a record.
        if (input.PublicNotice && string.IsNullOrWhiteSpace(input.PublicNoticeReason)) Add(nameof(IncidentInput.PublicNoticeReason), "Breach.PublicNoticeNeedsReason");
        if (input.ApproximateRecords is < 0) Add(nameof(IncidentInput.ApproximateRecords), "Breach.RecordsNegative");
        return errors;
    }

    internal static IncidentEvent AddEvent(PrivacyDeskDbContext ctx, Incident incident, IncidentEventKind kind, StaffIdentity me, string? note)
    {
        var evt = new IncidentEvent { IncidentId = incident.Id, MerchantId = incident.MerchantId, At = DateTimeOffset.UtcNow, Kind = kind, ActorName = me.DisplayName, Text = note };
        ctx.IncidentEvents.Add(evt);
        return evt;
    }

    private async Task<BreachResult> MutateAsync(int id, Guid? version, string action, CancellationToken ct,
        Func<PrivacyDeskDbContext, Incident, StaffIdentity, Task<string?>> change)
    {
        var me = await RequireAsync(Handlers, ct);
        return await SavingAsync(() => MutateCoreAsync(id, version, action, me, change, ct));
    }

    /// <summary>A database that cannot take the write (busy, read-only, full) is a refusal the form shows, not a crash.</summary>
    private async Task<BreachResult> SavingAsync(Func<Task<BreachResult>> save)
    {
        try { return await save(); }
        catch (StorageUnavailableException e) { return BreachResult.Fail(text[e.TextKey]); }
    }

    private async Task<BreachResult> MutateCoreAsync(int id, Guid? version, string action, StaffIdentity me,
        Func<PrivacyDeskDbContext, Incident, StaffIdentity, Task<string?>> change, CancellationToken ct)
    {
        await using var ctx = await db.OpenAsync(ct);
        // One transaction: bulk updates (purge), intermediate saves (notices) and the audit record stand or fall together.
        await using var tx = await ctx.Database.BeginWriteAsync(ct);
        var incident = await ctx.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return BreachResult.Fail(text["Breach.NotFound"]);
        if (version is { } seen && incident.Version != seen) return new BreachResult(false, text["Concurrency.Changed"], Conflict: true);
        try
        {
            var error = await change(ctx, incident, me);
            if (error is not null) return BreachResult.Fail(error);
            incident.UpdatedAt = clock.GetUtcNow();
            ctx.Audit(action, nameof(Incident), incident.Id, incident.MerchantId, new { incident.Reference, status = incident.Status.ToString() });
            await ctx.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException) { return new BreachResult(false, text["Concurrency.Changed"], Conflict: true); }
        await tx.CommitAsync(ct);
        return new BreachResult(true, Id: incident.Id);
    }

    private async Task<StaffIdentity> RequireAsync(string[] roles, CancellationToken ct)
    {
        var me = await staff.GetAsync(ct);
        if (!roles.Any(me.IsInRole)) throw new UnauthorizedAccessException("Your role does not allow this action on incidents.");
        return me;
    }
}
