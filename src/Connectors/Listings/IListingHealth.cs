namespace Connectors;

/// <summary>
/// Listing health per channel: every listing of an <see cref="IListingChannel"/> joined with the WMS's items (stock
/// from <see cref="IWarehouseInventory"/>, discontinued items from the optional <see cref="IWarehouseItemCatalog"/>), and
/// the actions a channel opted into for discontinued items and returning stock (<see cref="ListingHealthOptions"/>).
/// </summary>
public interface IListingHealth
{
    /// <summary>
    /// Streams a channel's listing report: one entry per listing as the channel lists them, then one per warehouse item
    /// with free stock and no active listing. Memory grows with the number of distinct SKUs, not with the listings:
    /// entries are produced as the channel's pages arrive. When the stream is read to the end, the problem counts are
    /// recorded as the <c>connectors.listings.problems</c> gauge. Reads only; changes nothing.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ConnectorException">The channel does not list its listings, or no WMS port is registered to compare with.</exception>
    IAsyncEnumerable<ListingReportEntry> GetReportAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the report and applies the actions the channel opted into (<see cref="ListingActionOptions"/>); with none,
    /// changes nothing and only reports what it would do.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was done, or would be done with the opt-in.</returns>
    Task<ListingActionsReport> ApplyActionsAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the report and applies the opted-in actions as <see cref="ApplyActionsAsync"/>
    /// does, handing every entry of the report to <paramref name="onEntry"/> as it passes: one pass over the channel's
    /// listings gives both the report (for an export) and the actions.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="onEntry">Called with each entry, in report order, before the next is read.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was done, or would be done with the opt-in.</returns>
    Task<ListingActionsReport> ReportAndApplyActionsAsync(string channel, Func<ListingReportEntry, CancellationToken, ValueTask> onEntry, CancellationToken cancellationToken = default);
}
