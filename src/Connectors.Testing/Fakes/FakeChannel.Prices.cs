namespace Connectors.Testing;

/// <summary>The price port of the fake channel: records every price push, keeps what it shows, can reject and fail.</summary>
public sealed partial class FakeChannel : IPriceChannel
{
    private readonly Dictionary<(string Item, string Currency), ChannelPrice> _prices = [];
    private readonly Dictionary<string, string> _rejectedPriceItems = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<PriceTarget>> _pricePushes = [];
    private int _failPricePushes;

    /// <summary>The most prices one push may carry; a larger push throws, as a platform would refuse it.</summary>
    /// <value>250.</value>
    public int MaxPriceBatchSize { get; init; } = 250;

    /// <summary>Whether the fake keeps sale windows itself; when <see langword="false"/> the engine resolves sales.</summary>
    /// <value><see langword="true"/>.</value>
    public bool SupportsSaleSchedule { get; init; } = true;

    /// <summary>Every price push, in order, as sent.</summary>
    public IReadOnlyList<IReadOnlyList<PriceTarget>> PricePushes
    {
        get
        {
            lock (_gate)
            {
                return [.. _pricePushes];
            }
        }
    }

    /// <summary>The price the channel shows for an item in a currency, or <see langword="null"/> if never set.</summary>
    /// <param name="channelItemId">The item.</param>
    /// <param name="currency">The ISO 4217 currency.</param>
    /// <returns>The price.</returns>
    public ChannelPrice? GetPrice(string channelItemId, string currency)
    {
        lock (_gate)
        {
            return _prices.GetValueOrDefault((channelItemId, currency));
        }
    }

    /// <summary>Makes every price push of this item come back rejected with the reason.</summary>
    /// <param name="channelItemId">The item.</param>
    /// <param name="reason">The reason.</param>
    public void RejectPrice(string channelItemId, string reason)
    {
        lock (_gate)
        {
            _rejectedPriceItems[channelItemId] = reason;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> price pushes fail as a whole with a transient error (HTTP 503).</summary>
    /// <param name="count">How many.</param>
    public void FailNextPricePushes(int count) => Interlocked.Exchange(ref _failPricePushes, count);

    /// <inheritdoc />
    public Task<IReadOnlyList<PricePushItemResult>> PushPricesAsync(IReadOnlyList<PriceTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count > MaxPriceBatchSize)
        {
            throw new ConnectorValidationException("targets", $"holds {targets.Count} prices; the channel takes at most {MaxPriceBatchSize}.");
        }

        if (Internal.FaultCounter.TryConsume(ref _failPricePushes))
        {
            throw new ConnectorRequestFailedException("fake", "Service unavailable", 503);
        }

        var results = new List<PricePushItemResult>(targets.Count);
        lock (_gate)
        {
            _pricePushes.Add([.. targets]);
            foreach (var target in targets)
            {
                if (_rejectedPriceItems.TryGetValue(target.ChannelItemId, out var reason))
                {
                    results.Add(PricePushItemResult.Rejected(target, reason, "INVALID_PRICE"));
                    continue;
                }

                _prices[(target.ChannelItemId, target.Price.Currency)] = target.Price;
                results.Add(PricePushItemResult.Applied(target));
            }
        }

        return Task.FromResult<IReadOnlyList<PricePushItemResult>>(results);
    }
}
