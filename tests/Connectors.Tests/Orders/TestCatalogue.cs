namespace Connectors.Tests.Orders;

/// <summary>
/// An item resolver for flow tests: identity for every item, except a bundle <c>gift-set</c> (1 MUG + 2 TEA) and a
/// <c>six-pack</c> (6 CAN), and items marked unmapped (a missing cross-reference that can be fixed mid-test).
/// </summary>
internal sealed class TestCatalogue : IItemResolver
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _unmapped = new(StringComparer.Ordinal);

    public void Unmap(string channelItemId)
    {
        lock (_gate)
        {
            _unmapped.Add(channelItemId);
        }
    }

    public void Map(string channelItemId)
    {
        lock (_gate)
        {
            _unmapped.Remove(channelItemId);
        }
    }

    public ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_unmapped.Contains(channelItemId))
            {
                return ValueTask.FromResult<ChannelItemDefinition?>(null);
            }
        }

        var definition = channelItemId switch
        {
            "gift-set" => new ChannelItemDefinition(channel, channelItemId, [new ItemComponent("MUG", 1m), new ItemComponent("TEA", 2m)]),
            "six-pack" => new ChannelItemDefinition(channel, channelItemId, [new ItemComponent("CAN", 6m)]),
            _ => new ChannelItemDefinition(channel, channelItemId, [new ItemComponent(channelItemId, 1m)]),
        };
        return ValueTask.FromResult<ChannelItemDefinition?>(definition);
    }

    public async ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default) =>
        [(await FindByChannelItemAsync(channel, sku, cancellationToken).ConfigureAwait(false))!];

    public IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, CancellationToken cancellationToken = default) =>
        AsyncEnumerable.Empty<ChannelItemDefinition>();
}
