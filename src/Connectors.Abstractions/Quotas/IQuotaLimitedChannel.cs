namespace Connectors;

/// <summary>
/// A channel whose platform meters writes per day and per listing (eBay: 250 revisions per listing per calendar day;
/// Etsy: a daily call budget per app). Opt-in: a channel that does not implement it, or declares no budget, is
/// dispatched as before. The host may override the declaration per channel (<c>ChannelInventoryOptions.Quota</c>).
/// </summary>
public interface IQuotaLimitedChannel : IChannel
{
    /// <summary>The platform's daily budgets for this channel.</summary>
    ChannelQuota Quota { get; }
}
