using System.Runtime.CompilerServices;

namespace Connectors.Testing;

/// <summary>
/// An in-memory <see cref="IItemResolver"/> holding explicit item definitions (plain items, case packs, bundles) per
/// channel, for inventory and order tests. SKUs no definition mentions resolve to nothing unless
/// <see cref="FallBackToIdentity"/> is set. Thread-safe.
/// </summary>
public sealed class FakeItemResolver : IItemResolver
{
    private readonly Lock _gate = new();
    private readonly List<ChannelItemDefinition> _items = [];

    /// <summary>When set, a SKU or item no definition names resolves to itself, sold one-for-one (as the identity mapping does).</summary>
    public bool FallBackToIdentity { get; set; }

    /// <summary>Adds or replaces a definition (by channel and item id).</summary>
    /// <param name="item">The definition.</param>
    /// <returns>This resolver, for chaining.</returns>
    public FakeItemResolver Add(ChannelItemDefinition item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            _items.RemoveAll(i => i.Channel == item.Channel && i.ChannelItemId == item.ChannelItemId);
            _items.Add(item);
        }

        return this;
    }

    /// <summary>Adds a plain item, a case pack or a bundle on a channel.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelItemId">The channel item id.</param>
    /// <param name="components">The WMS SKUs and units per selling unit.</param>
    /// <returns>This resolver, for chaining.</returns>
    public FakeItemResolver Add(string channel, string channelItemId, params (string Sku, decimal QuantityPerUnit)[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return Add(new ChannelItemDefinition(channel, channelItemId, [.. components.Select(c => new ItemComponent(c.Sku, c.QuantityPerUnit))]));
    }

    /// <inheritdoc />
    public ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _items.Find(i => i.Channel == channel && i.ChannelItemId == channelItemId);
            if (found is null && FallBackToIdentity)
            {
                found = Identity(channel, channelItemId);
            }

            return ValueTask.FromResult(found);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            List<ChannelItemDefinition> found = [.. _items.Where(i => i.Channel == channel && i.Components.Any(c => c.Sku == sku))];
            if (found.Count == 0 && FallBackToIdentity)
            {
                found.Add(Identity(channel, sku));
            }

            return ValueTask.FromResult<IReadOnlyList<ChannelItemDefinition>>(found);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ChannelItemDefinition> items;
        lock (_gate)
        {
            items = [.. _items.Where(i => i.Channel == channel)];
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static ChannelItemDefinition Identity(string channel, string id) => new(channel, id, [new ItemComponent(id, 1m)], channelSku: id);
}
