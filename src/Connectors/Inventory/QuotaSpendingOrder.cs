namespace Connectors.Inventory;

/// <summary>How the inventory dispatcher spends a channel's daily budget (see <see cref="ChannelQuota"/>).</summary>
public enum QuotaSpendingOrder
{
    /// <summary>
    /// By oversell risk: rows falling to zero or to <see cref="ChannelInventoryOptions.LowStockThreshold"/> first (at once,
    /// from the whole remaining budget), then other decreases, then increases; decreases rank by the exposure a push
    /// removes (units shown above the new level times the expected wait for the row's next change, estimated from how
    /// often it changed), so a slow item's gap goes before a bestseller's that its next restock closes anyway;
    /// everything but the first group is paced over the window, so the budget lasts the day.
    /// </summary>
    RiskFirst = 0,

    /// <summary>
    /// Oldest change first, spending as fast as rows come until the budget is gone: what a dispatcher that knows only the
    /// limit does. Kept as the baseline the risk order is measured against.
    /// </summary>
    FirstInFirstOut = 1,
}
