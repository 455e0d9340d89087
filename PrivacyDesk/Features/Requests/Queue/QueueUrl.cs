using PrivacyDesk.Features.Admin.Users;
using PrivacyDesk.Features.Requests.Deadlines;

namespace PrivacyDesk.Features.Requests.Queue;

/// <summary>What the queue shows: its filters, its order and its page (1-based).</summary>
public sealed record QueueView(QueueFilter Filter, QueueSortColumn Sort = QueueSortColumn.Due, bool Descending = false, int Page = 1)
{
    public const int PageSize = 25;

    public static QueueView Default { get; } = new(new QueueFilter());

    public QueueQuery ToQuery() => new(Filter, Sort, Descending, (Math.Max(1, Page) - 1) * PageSize, PageSize);
}

/// <summary>The queue page's query string, as the browser holds it (every value optional).</summary>
public sealed record QueueUrlValues(
    string? Status = null, string? Type = null, string? Merchant = null, string? Assignee = null, string? Due = null,
    string? Search = null, string? Sort = null, int? Page = null, string? Channel = null, string? Lang = null, string? Law = null);

/// <summary>
/// The queue's view in the address bar and back: /requests?status=all&amp;type=access&amp;merchant=mm-laval&amp;assignee=me
/// &amp;due=7&amp;search=tremblay&amp;sort=-received&amp;page=2 (also channel, lang, law). A reload, the Back button or a
/// shared link shows the same requests; values that mean nothing (an unknown merchant, a status that does not exist)
/// are ignored rather than failing. "me" is whoever opens the link; the default view (open requests by due date)
/// has an empty query string.
/// </summary>
public static class QueueUrl
{
    public const string Any = "any", Open = "open", All = "all", Me = "me", Nobody = "none", Overdue = "overdue", Unconfirmed = "unconfirmed";
    public const int MaxSearch = 200;

    /// <summary>The names of the query parameters (each a property of <see cref="QueueUrlValues"/>).</summary>
    public static readonly string[] Names = ["status", "type", "merchant", "assignee", "due", "search", "sort", "page", "channel", "lang", "law"];

    public static QueueView Parse(QueueUrlValues v, IReadOnlyList<MerchantOption> merchants, string? myId)
    {
        var filter = new QueueFilter();
        filter = WithStatus(filter, v.Status);
        filter = WithType(filter, v.Type);
        filter = WithMerchant(filter, v.Merchant, merchants);
        filter = WithAssignee(filter, v.Assignee, myId);
        filter = WithDue(filter, v.Due);
        filter = WithChannel(filter, v.Channel);
        filter = WithLanguage(filter, v.Lang);
        filter = WithJurisdiction(filter, v.Law);
        filter = WithSearch(filter, v.Search);
        var (sort, descending) = ParseSort(v.Sort);
        return new QueueView(filter, sort, descending, v.Page is > 1 and < 100_000 ? v.Page.Value : 1);
    }

    /// <summary>The query parameters of a view, for NavigationManager.GetUriWithQueryParameters: null removes a parameter, so defaults leave no trace.</summary>
    public static IReadOnlyDictionary<string, object?> Format(QueueView view, IReadOnlyList<MerchantOption> merchants, string? myId)
    {
        var f = view.Filter;
        string? Value(string v) => v == Any ? null : v;
        var status = StatusValue(f);
        return new Dictionary<string, object?>
        {
            ["status"] = status == Open ? null : status,
            ["type"] = Value(TypeValue(f)),
            ["merchant"] = Value(MerchantValue(f, merchants)),
            ["assignee"] = Value(AssigneeValue(f, myId)),
            ["due"] = Value(DueValue(f)),
            ["search"] = f.Search,
            ["sort"] = SortValue(view.Sort, view.Descending) is var s && s == SortValue(QueueSortColumn.Due, false) ? null : s,
            ["page"] = view.Page > 1 ? view.Page : null,
            ["channel"] = Value(ChannelValue(f)),
            ["lang"] = Value(LanguageValue(f)),
            ["law"] = Value(JurisdictionValue(f)),
        };
    }

    // ---- One value per control (the filter bar's selects use the same strings as the URL) ----------

    public static string StatusValue(QueueFilter f) =>
        f.AwaitingEmailOnly ? Unconfirmed : f.Statuses.Count > 0 ? string.Join(',', f.Statuses.Select(s => s.ToString().ToLowerInvariant())) : f.OpenOnly ? Open : All;

    public static QueueFilter WithStatus(QueueFilter f, string? value)
    {
        value = value?.Trim().ToLowerInvariant();
        f = f with { AwaitingEmailOnly = value == Unconfirmed };
        if (string.IsNullOrEmpty(value) || value == Open || value == Unconfirmed) return f with { OpenOnly = true, Statuses = [] };
        if (value == All) return f with { OpenOnly = false, Statuses = [] };
        var statuses = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseEnum<RequestStatus>).OfType<RequestStatus>().Distinct().ToList();
        return statuses.Count == 0 ? f with { OpenOnly = true, Statuses = [] } : f with { OpenOnly = false, Statuses = statuses };
    }

    public static string TypeValue(QueueFilter f) => f.Type is { } t ? t.Code() : Any;
    public static QueueFilter WithType(QueueFilter f, string? value) => f with { Type = RequestTypeCodes.Parse(value) };

    public static string MerchantValue(QueueFilter f, IReadOnlyList<MerchantOption> merchants) =>
        f.MerchantId is { } id ? merchants.FirstOrDefault(m => m.Id == id)?.Slug ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : Any;

    public static QueueFilter WithMerchant(QueueFilter f, string? value, IReadOnlyList<MerchantOption> merchants)
    {
        value = value?.Trim();
        var merchant = merchants.FirstOrDefault(m => string.Equals(m.Slug, value, StringComparison.OrdinalIgnoreCase))
                       ?? (int.TryParse(value, out var id) ? merchants.FirstOrDefault(m => m.Id == id) : null);
        return f with { MerchantId = merchant?.Id };
    }

    public static string AssigneeValue(QueueFilter f, string? myId) => f.AssigneeId switch
    {
        null => Any,
        QueueFilter.Unassigned => Nobody,
        var id when id == myId => Me,
        var id => id,
    };

    public static QueueFilter WithAssignee(QueueFilter f, string? value, string? myId) => f with
    {
        AssigneeId = value?.Trim() switch
        {
            null or "" or Any => null,
            Nobody or QueueFilter.Unassigned => QueueFilter.Unassigned,
            Me => myId,
            var id => id,
        },
    };

    /// <summary>"overdue", or the number of days within which the request is due ("0": due today or overdue).</summary>
    public static string DueValue(QueueFilter f) =>
        f.OverdueOnly ? Overdue : f.DueWithinDays is { } d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : Any;

    public static QueueFilter WithDue(QueueFilter f, string? value)
    {
        value = value?.Trim().ToLowerInvariant();
        if (value == Overdue) return f with { OverdueOnly = true, DueWithinDays = null };
        return f with
        {
            OverdueOnly = false,
            DueWithinDays = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) && d <= 365 ? d : null,
        };
    }

    public static string ChannelValue(QueueFilter f) => f.Channel is { } c ? c.ToString().ToLowerInvariant() : Any;
    public static QueueFilter WithChannel(QueueFilter f, string? value) => f with { Channel = ParseEnum<RequestChannel>(value) };

    public static string LanguageValue(QueueFilter f) => f.Language ?? Any;
    public static QueueFilter WithLanguage(QueueFilter f, string? value)
    {
        var language = value?.Trim().ToLowerInvariant();
        return f with { Language = language is "fr" or "en" ? language : null };
    }

    public static string JurisdictionValue(QueueFilter f) => f.Jurisdiction is { } j ? j.Code().ToLowerInvariant() : Any;
    public static QueueFilter WithJurisdiction(QueueFilter f, string? value) => f with { Jurisdiction = JurisdictionCodes.Parse(value) };

    public static QueueFilter WithSearch(QueueFilter f, string? value)
    {
        var search = value?.Trim();
        if (search?.Length > MaxSearch) search = search[..MaxSearch];
        return f with { Search = string.IsNullOrEmpty(search) ? null : search };
    }

    /// <summary>"due", "-received": the column, a minus sign for descending.</summary>
    public static string SortValue(QueueSortColumn column, bool descending) => (descending ? "-" : "") + column.ToString().ToLowerInvariant();

    public static (QueueSortColumn Column, bool Descending) ParseSort(string? value)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value)) return (QueueSortColumn.Due, false);
        var descending = value.StartsWith('-');
        return ParseEnum<QueueSortColumn>(descending ? value[1..] : value) is { } column ? (column, descending) : (QueueSortColumn.Due, false);
    }

    /// <summary>Whether the filter narrows the default view at all (the "Clear filters" button shows only then).</summary>
    public static bool IsDefault(QueueFilter f) =>
        f.OpenOnly && f.Statuses.Count == 0 && f.Type is null && f.AssigneeId is null && f.MerchantId is null && f.Channel is null
        && f.Language is null && f.Jurisdiction is null && f.DueWithinDays is null && !f.OverdueOnly && f.Search is null && !f.AwaitingEmailOnly;

    private static TEnum? ParseEnum<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value?.Trim(), ignoreCase: true, out var e) && Enum.IsDefined(e) && !int.TryParse(value, out _) ? e : null;
}
