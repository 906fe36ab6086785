namespace Connectors;

/// <summary>The channel confirmed a pushed price for a row.</summary>
/// <param name="Key">The row.</param>
/// <param name="Price">The price pushed and applied.</param>
public readonly record struct PriceAcknowledgement(PriceKey Key, ChannelPrice Price);
