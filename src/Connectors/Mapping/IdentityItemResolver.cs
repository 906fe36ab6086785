namespace Connectors.Mapping;

/// <summary>
/// The default cross-reference when no mapping profile is registered: a channel item id is the WMS SKU, sold
/// one-for-one. It cannot list a catalogue, so a full sync walks the WMS snapshot's SKUs instead.
/// </summary>
internal sealed class IdentityItemResolver : IItemResolver
{
    public ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<ChannelItemDefinition?>(Define(channel, channelItemId));

    public ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ChannelItemDefinition>>([Define(channel, sku)]);

    public IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<ChannelItemDefinition>();

    private static ChannelItemDefinition Define(string channel, string id) =>
        new(channel, id, [new ItemComponent(id, 1m)], onSale: true, channelSku: id);
}
