namespace PrivacyDesk.Data;

/// <summary>Which merchants' rows a database context may read and write.</summary>
public sealed record MerchantScope(bool AllMerchants, IReadOnlyList<int> MerchantIds)
{
    /// <summary>Everything: for the command line, migrations, background jobs and installation admins.</summary>
    public static MerchantScope System { get; } = new(true, []);

    /// <summary>Nothing: the default for a context nobody scoped, so a mistake shows no data rather than all.</summary>
    public static MerchantScope Nobody { get; } = new(false, []);

    public static MerchantScope Only(IEnumerable<int> merchantIds) => new(false, merchantIds.Distinct().Order().ToArray());

    public bool Allows(int merchantId) => AllMerchants || MerchantIds.Contains(merchantId);
}
