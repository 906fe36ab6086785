namespace Connectors.Inventory;

/// <summary>How the inventory dispatcher spends a channel's daily budget (see <see cref="ChannelQuota"/>).</summary>
public enum QuotaSpendingOrder
{
    /// <summary>
    /// By oversell risk: rows falling to zero or to <see cref="ChannelInventoryOptions.LowStockThreshold"/> first (at once,
    /// from the whole remaining budget), then other decreases, largest gap first, then increases; everything but the
    /// first group is paced over the window, so the budget lasts the day.
    /// </summary>
    RiskFirst = 0,

    /// <summary>
    /// Oldest change first, spending as fast as rows come until the budget is gone: what a dispatcher that knows only the
    /// limit does. Kept as the baseline the risk order is measured against.
    /// </summary>
    FirstInFirstOut = 1,
}
