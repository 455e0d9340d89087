using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PrivacyDesk.Features.Admin.Merchants;
using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Audit;
using PrivacyDesk.Features.Customers;
using PrivacyDesk.Features.Customers.Inventory;
using PrivacyDesk.Features.Requests;
using PrivacyDesk.Features.Requests.Api;
using PrivacyDesk.Features.Requests.Queue;
using PrivacyDesk.Features.Requests.Templates;

namespace PrivacyDesk.Data;

/// <summary>
/// The one database context. Each instance is created for one short operation by <see cref="Db"/>
/// (or <see cref="DbContextFactoryExtensions.CreateSystemContext"/> outside a user's session) and
/// carries the merchant scope and the actor that its query filters and audit records use.
/// </summary>
public class PrivacyDeskDbContext(DbContextOptions<PrivacyDeskDbContext> options)
    : IdentityDbContext<StaffUser>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    // Read by the global query filters; EF reads it per context instance and inlines the ids
    // (see SqliteConfiguration), which lets SQLite use the MerchantId indexes.
    private List<int> _scopeIds = [];

    public MerchantScope Scope { get; private set; } = MerchantScope.Nobody;
    public AuditActor Actor { get; private set; } = AuditActor.System;

    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<AppSecret> AppSecrets => Set<AppSecret>();
    public DbSet<UserMerchant> UserMerchants => Set<UserMerchant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PrivacyRequest> Requests => Set<PrivacyRequest>();
    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();
    public DbSet<RequestAttachment> RequestAttachments => Set<RequestAttachment>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<SavedQueueFilter> SavedQueueFilters => Set<SavedQueueFilter>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ReferenceSequence> ReferenceSequences => Set<ReferenceSequence>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ContactPoint> ContactPoints => Set<ContactPoint>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<CustomerOrder> Orders => Set<CustomerOrder>();
    public DbSet<ActivityLog> ActivityLogs => Set<ActivityLog>();
    public DbSet<Communication> Communications => Set<Communication>();
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    public DbSet<OtherRecord> OtherRecords => Set<OtherRecord>();
    public DbSet<ThirdPartyPerson> ThirdPartyPeople => Set<ThirdPartyPerson>();
    public DbSet<CustomerChange> CustomerChanges => Set<CustomerChange>();
    public DbSet<DataInventoryEntry> DataInventory => Set<DataInventoryEntry>();
    public DbSet<Features.Intake.InboundMessage> InboundMessages => Set<Features.Intake.InboundMessage>();
    public DbSet<Features.Intake.MailSource> MailSources => Set<Features.Intake.MailSource>();
    public DbSet<Features.Intake.Outbox.OutboxMessage> Outbox => Set<Features.Intake.Outbox.OutboxMessage>();
    public DbSet<Features.Breaches.Incident> Incidents => Set<Features.Breaches.Incident>();
    public DbSet<Features.Breaches.IncidentEvent> IncidentEvents => Set<Features.Breaches.IncidentEvent>();
    public DbSet<Features.Breaches.AffectedPerson> AffectedPeople => Set<Features.Breaches.AffectedPerson>();
    public DbSet<Features.Breaches.RiskAssessment> RiskAssessments => Set<Features.Breaches.RiskAssessment>();
    public DbSet<Features.Breaches.Filing> Filings => Set<Features.Breaches.Filing>();
    public DbSet<Features.Documents.Review.DisclosureDecision> DisclosureDecisions => Set<Features.Documents.Review.DisclosureDecision>();
    public DbSet<Features.Portal.PortalLink> PortalLinks => Set<Features.Portal.PortalLink>();
    public DbSet<Features.Notices.PolicyVersion> PolicyVersions => Set<Features.Notices.PolicyVersion>();
    public DbSet<Features.Notices.NoticeCampaign> NoticeCampaigns => Set<Features.Notices.NoticeCampaign>();
    public DbSet<Features.Notices.CampaignRecipient> CampaignRecipients => Set<Features.Notices.CampaignRecipient>();
    public DbSet<Features.Notices.Recipients.RecipientNotice> RecipientNotices => Set<Features.Notices.Recipients.RecipientNotice>();

    /// <summary>The Data Protection key ring, when it is kept in the database (several app nodes share it: README).</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    private Dictionary<string, object?>? _remembered;

    /// <summary>
    /// Reads something once for the life of this context (a merchant's settings, the templates): intake writes a
    /// batch of messages through one context, and each message asked the database again for the same rows.
    /// Only for reads the context's own work does not change; a context lives for one batch or one request.
    /// </summary>
    public async Task<T> RememberAsync<T>(string key, Func<Task<T>> read)
    {
        _remembered ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (_remembered.TryGetValue(key, out var known)) return (T)known!;
        var value = await read();
        _remembered[key] = value;
        return value;
    }

    /// <summary>The audit chain's last link as this context's open transaction wrote it (see AuditWriter).</summary>
    internal (object Transaction, long Id, string Hash)? ChainHead { get; set; }

    /// <summary>True on PostgreSQL: for the few statements each provider writes in its own SQL.</summary>
    public bool IsPostgres => this is Providers.PostgresPrivacyDeskDbContext;

    /// <summary>FTS5 index of requests' SearchText, as a table-valued function (see the Requests migration).</summary>
    public IQueryable<FullTextHit> SearchRequests(string ftsQuery) => FromExpression(() => SearchRequests(ftsQuery));

    /// <summary>FTS5 index of customers' SearchText (see the Customers migration).</summary>
    public IQueryable<FullTextHit> SearchCustomers(string ftsQuery) => FromExpression(() => SearchCustomers(ftsQuery));

    /// <summary>
    /// The same, with the query written into the SQL rather than bound as a parameter: SQLite then
    /// knows the FTS lookup is selective and starts the join from it (BENCHMARKS.md).
    /// </summary>
    public IQueryable<FullTextHit> SearchCustomersInlined(string ftsQuery) =>
        FromExpression(Expression.Lambda<Func<IQueryable<FullTextHit>>>(Expression.Call(Expression.Constant(this),
            typeof(PrivacyDeskDbContext).GetMethod(nameof(SearchCustomers), [typeof(string)])!, Expression.Constant(ftsQuery))));

    public PrivacyDeskDbContext WithScope(MerchantScope scope, AuditActor actor)
    {
        Scope = scope;
        Actor = actor;
        // "All merchants" becomes the list of every merchant id rather than an OR in the filter:
        // "@all OR MerchantId IN (...)" makes SQLite scan the whole table (BENCHMARKS.md).
        _scopeIds = scope.AllMerchants ? AllMerchantIds() : scope.MerchantIds.ToList();
        return this;
    }

    private List<int> AllMerchantIds()
    {
        // Before the first migration there is no Merchants table, and nothing to see. Once a database has it, it
        // keeps it: remembered per connection string (one process may open several databases, as the tests and
        // bench do), so that every system context (each request, each background pass) does not ask the catalog again.
        var key = Database.GetConnectionString() ?? "";
        if (!MigratedDatabases.ContainsKey(key))
        {
            if (!TablesExist()) return [];
            MigratedDatabases[key] = true;
        }
        return Merchants.IgnoreQueryFilters().AsNoTracking().Select(m => m.Id).ToList();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> MigratedDatabases = new();

    protected virtual bool TablesExist() =>
        Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'table' AND name = 'Merchants'").AsEnumerable().First() > 0;

    /// <summary>Stages an audit record; it is chained and written by the next SaveChanges, in the same transaction.</summary>
    private long _stagedAuditIds;

    public void Audit(string action, string entityType, object entityId, int? merchantId, object? details = null)
    {
        AuditEntries.Add(new AuditEntry
        {
            // A unique placeholder key until AuditWriter assigns the chain's ids: several records may be staged before one save.
            Id = --_stagedAuditIds,
            // Whole microseconds: PostgreSQL's timestamptz keeps no finer, and the hash must survive the round trip.
            At = AtMicroseconds(DateTimeOffset.UtcNow),
            Actor = Actor.Id,
            ActorName = Actor.Name,
            MerchantId = merchantId,
            EntityType = entityType,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Action = action,
            Details = details is null ? null : JsonSerializer.Serialize(details, AuditJson.Options),
        });
    }

    public static DateTimeOffset AtMicroseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // SQLite has no date-time type, and EF cannot order or compare DateTimeOffset stored as text.
        // Stored as UTC ticks (all our times are UTC), they sort and compare in SQL.
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PrivacyDeskDbContext).Assembly);
        builder.Entity<FullTextHit>().HasNoKey().ToTable((string?)null).Property(h => h.RowId).HasColumnName("rowid");
        builder.HasDbFunction(typeof(PrivacyDeskDbContext).GetMethod(nameof(SearchRequests), [typeof(string)])!).HasName("RequestSearch");
        builder.HasDbFunction(typeof(PrivacyDeskDbContext).GetMethod(nameof(SearchCustomers), [typeof(string)])!).HasName("CustomerSearch");

        builder.Entity<Merchant>().HasQueryFilter(m => _scopeIds.Contains(m.Id));
        foreach (var entity in builder.Model.GetEntityTypes()
                     .Where(t => typeof(IMerchantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            entity.SetQueryFilter(MerchantFilterFor(entity.ClrType));
        }
    }

    private LambdaExpression MerchantFilterFor(Type clrType)
    {
        // Builds e => _scopeIds.Contains(e.MerchantId) for any IMerchantOwned type, referencing
        // this context's field so that the value is read per instance.
        var e = Expression.Parameter(clrType, "e");
        // The field is looked up on this class, not on the runtime type: the PostgreSQL context derives from it.
        var ids = Expression.Field(Expression.Constant(this),
            typeof(PrivacyDeskDbContext).GetField(nameof(_scopeIds), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!);
        var merchantId = Expression.Property(e, nameof(IMerchantOwned.MerchantId));
        var contains = Expression.Call(ids, typeof(List<int>).GetMethod(nameof(List<int>.Contains))!, merchantId);
        return Expression.Lambda(contains, e);
    }

    // Synchronous callers exist (the Data Protection key store saves the key ring with SaveChanges). Run on the thread
    // pool: blocking on the async save from inside a synchronization context (a Blazor renderer, bUnit's) waited for
    // ever for continuations queued behind the blocked thread (Npgsql completes asynchronously; SQLite did not).
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Task.Run(() => SaveChangesAsync(acceptAllChangesOnSuccess)).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // One look at the tracked entries (each ChangeTracker.Entries call detects changes over all of them again):
        // the merchant scope and append-only guards, fresh concurrency versions, and what the save must follow up.
        var newMerchants = new List<Merchant>();
        var pendingAudit = new List<AuditEntry>();
        var edited = new List<IVersioned>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            switch (entry.Entity)
            {
                case IMerchantOwned owned when !Scope.Allows(owned.MerchantId):
                    throw new MerchantScopeViolationException(owned.GetType().Name, owned.MerchantId);
                case Merchant merchant when entry.State is EntityState.Modified or EntityState.Deleted && !Scope.Allows(merchant.Id):
                    throw new MerchantScopeViolationException(nameof(Merchant), merchant.Id);
                case Merchant when entry.State is EntityState.Added && !Scope.AllMerchants:
                    throw new MerchantScopeViolationException(nameof(Merchant), 0);
                case Merchant merchant when entry.State is EntityState.Added:
                    newMerchants.Add(merchant);
                    break;
                case AuditEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("The audit log is append-only.");
                case AuditEntry audit:
                    pendingAudit.Add(audit);
                    break;
            }
            if (entry.State == EntityState.Modified && entry.Entity is IVersioned versioned) edited.Add(versioned);
        }
        // Every edit of a versioned row gets a new version (the next writer holding the old one is refused), once every
        // guard has passed: a refused save leaves the versions as they were.
        foreach (var versioned in edited) versioned.Version = Guid.NewGuid();
        var written = await StorageUnavailableException.TranslateAsync(() => pendingAudit.Count == 0
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : AuditWriter.SaveChainedAsync(this, pendingAudit, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken));

        // A context that sees all merchants also sees the ones it just created.
        if (Scope.AllMerchants) _scopeIds.AddRange(newMerchants.Select(m => m.Id));
        return written;
    }
}

/// <summary>A row edited under optimistic concurrency: its Version changes with every save that modifies it.</summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>Thrown when code tries to write a row of a merchant outside the context's scope.</summary>
public sealed class MerchantScopeViolationException(string entity, int merchantId)
    : InvalidOperationException($"{entity} of merchant {merchantId} is outside this user's merchants.");

/// <summary>Who is acting: goes into every audit record the context writes.</summary>
public sealed record AuditActor(string Id, string? Name)
{
    public static AuditActor System { get; } = new("system", "System");
    public static AuditActor Cli { get; } = new("cli", "Command line");
}

internal static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
