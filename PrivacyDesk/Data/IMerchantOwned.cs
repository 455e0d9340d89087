namespace PrivacyDesk.Data;

/// <summary>
/// Marks a row that belongs to one merchant. <see cref="PrivacyDeskDbContext"/> applies the
/// merchant scope to every such entity through a global query filter and refuses to save one
/// outside the scope, so no query has to remember to filter by hand.
/// </summary>
public interface IMerchantOwned
{
    int MerchantId { get; }
}
