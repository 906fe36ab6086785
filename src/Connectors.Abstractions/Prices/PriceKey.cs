namespace Connectors;

/// <summary>Identifies one price row: a channel item's price in one currency, on one channel instance.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="ChannelItemId">The channel's item id (a variant, an offer).</param>
/// <param name="Currency">The three-letter ISO 4217 currency (a marketplace selling in several keeps one row per currency).</param>
public readonly record struct PriceKey(string Channel, string ChannelItemId, string Currency)
{
    /// <inheritdoc />
    public override string ToString() => $"{Channel}/{ChannelItemId}/{Currency}";
}
