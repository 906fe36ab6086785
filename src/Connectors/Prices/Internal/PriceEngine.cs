using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Prices.Internal;

/// <summary>
/// The price engine: base prices in, desired prices per (channel, item, currency) in the store, pending rows out in
/// batches. One writer per engine computes at a time, so the hold decision of a row sees the row as this engine last
/// wrote it; dispatch runs beside it.
/// </summary>
internal sealed partial class PriceEngine : IPriceSync, IPriceHolds, IPriceSink, IDisposable
{
    private const string TargetKind = "price-target";
    private const string ProblemKind = "price-calculation";

    private readonly ISyncStateStore _store;
    private readonly IChannelRegistry _registry;
    private readonly IItemResolver _resolver;
    private readonly IPriceCalculator _calculator;
    private readonly ConnectorsOptions _options;
    private readonly TimeProvider _time;
    private readonly ConnectorsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private IPriceChannel[]? _channels;

    public PriceEngine(
        ISyncStateStore store,
        IChannelRegistry registry,
        IItemResolver resolver,
        IPriceCalculator calculator,
        IOptions<ConnectorsOptions> options,
        TimeProvider time,
        ConnectorsMetrics metrics,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _registry = registry;
        _resolver = resolver;
        _calculator = calculator;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = (ILogger?)loggerFactory?.CreateLogger<PriceEngine>() ?? NullLogger.Instance;
    }

    private PriceSyncOptions Settings => _options.Prices;

    private IPriceStore Prices => _store as IPriceStore ?? throw new ConnectorException(
        $"The state store {_store.GetType().Name} does not implement {nameof(IPriceStore)}, so it cannot keep prices; use the in-memory, SQLite or PostgreSQL store.");

    public void Dispose() => _writer.Dispose();

    public Task AcceptPricesAsync(IReadOnlyList<BasePrice> prices, CancellationToken cancellationToken) => RecordPricesAsync(prices, cancellationToken);

    public async Task RecordPricesAsync(IReadOnlyList<BasePrice> prices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        Validate(prices);
        if (prices.Count == 0)
        {
            return;
        }

        var store = Prices;
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            await store.SetBasePricesAsync(prices, now, cancellationToken).ConfigureAwait(false);
            var skus = prices.Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);
            var report = await ComputeAsync(skus, now, store: true, cancellationToken).ConfigureAwait(false);
            var (changed, held) = (0, 0);
            foreach (var channel in report.Channels)
            {
                changed += channel.Changes.Count;
                held += channel.Changes.Count(c => c.HoldReason is not null);
            }

            Log.PricesRecorded(_logger, prices.Count, changed, held);
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<PriceSyncReport> RepriceAsync(CancellationToken cancellationToken = default)
    {
        var store = Prices;
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ComputeAsync(null, _time.GetUtcNow(), store: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<PriceSyncReport> DryRunAsync(CancellationToken cancellationToken = default)
    {
        _ = Prices;
        return ComputeAsync(null, _time.GetUtcNow(), store: false, cancellationToken);
    }

    public IAsyncEnumerable<PriceRow> ListAsync(string? channel = null, CancellationToken cancellationToken = default) =>
        Prices.ListPricesAsync(channel, PriceRowFilter.Held, cancellationToken);

    public async Task<bool> ReleaseAsync(PriceKey key, long version, CancellationToken cancellationToken = default)
    {
        var released = await Prices.ReleaseHeldPriceAsync(key, version, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (released)
        {
            _metrics.PricesHoldDecided.Add(1, ConnectorsMetrics.Channel(key.Channel), ConnectorsMetrics.Outcome("released"));
            Log.PriceHoldDecided(_logger, key, version, "released");
        }

        return released;
    }

    public async Task<bool> DiscardAsync(PriceKey key, long version, CancellationToken cancellationToken = default)
    {
        var discarded = await Prices.DiscardHeldPriceAsync(key, version, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (discarded)
        {
            _metrics.PricesHoldDecided.Add(1, ConnectorsMetrics.Channel(key.Channel), ConnectorsMetrics.Outcome("discarded"));
            Log.PriceHoldDecided(_logger, key, version, "discarded");
        }

        return discarded;
    }

    private static void Validate(IReadOnlyList<BasePrice> prices)
    {
        var errors = new List<ValidationError>();
        for (var i = 0; i < prices.Count; i++)
        {
            var price = prices[i];
            if (price is null)
            {
                errors.Add(new ValidationError($"prices[{i}]", "must not be null."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(price.Sku))
            {
                errors.Add(new ValidationError($"prices[{i}].Sku", "must not be empty."));
            }

            if (price.Price.Currency is null)
            {
                errors.Add(new ValidationError($"prices[{i}].Price", "has no currency."));
                continue;
            }

            if (price.Price.Amount < 0m)
            {
                errors.Add(new ValidationError($"prices[{i}].Price.Amount", $"must not be negative (was {price.Price})."));
            }

            if (price.Cost is { } cost)
            {
                if (!string.Equals(cost.Currency, price.Price.Currency, StringComparison.Ordinal))
                {
                    errors.Add(new ValidationError($"prices[{i}].Cost.Currency", $"is {cost.Currency ?? "missing"} but the price is in {price.Price.Currency}; publish the cost in the price's currency."));
                }
                else if (cost.Amount < 0m)
                {
                    errors.Add(new ValidationError($"prices[{i}].Cost.Amount", $"must not be negative (was {cost})."));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(errors);
        }
    }

    /// <summary>
    /// Prices every item the SKUs feed (every item with a base price when <paramref name="skus"/> is null) on every price
    /// channel, decides holds against what each channel acknowledged, and stores the desired prices unless this is a
    /// dry run. Items that cannot be priced are dead-lettered (not in a dry run).
    /// </summary>
    private async Task<PriceSyncReport> ComputeAsync(IReadOnlySet<string>? skus, DateTimeOffset now, bool store, CancellationToken cancellationToken)
    {
        var prices = Prices;
        var book = new Dictionary<string, List<BasePrice>>(StringComparer.Ordinal);
        foreach (var price in await prices.ReadBasePricesAsync(skus?.ToArray(), cancellationToken).ConfigureAwait(false))
        {
            Add(book, price);
        }

        var reports = new List<ChannelPriceReport>();
        foreach (var channel in GetChannels())
        {
            var items = new Dictionary<string, ChannelItemDefinition>(StringComparer.Ordinal);
            foreach (var sku in skus ?? (IEnumerable<string>)book.Keys)
            {
                foreach (var item in await _resolver.FindBySkuAsync(channel.Name, sku, cancellationToken).ConfigureAwait(false))
                {
                    items.TryAdd(item.ChannelItemId, item);
                }
            }

            // A bundle fed by a changed SKU needs the base prices of its other components too.
            var missing = items.Values.SelectMany(i => i.Components).Select(c => c.Sku).Where(s => !book.ContainsKey(s)).ToHashSet(StringComparer.Ordinal);
            if (missing.Count > 0)
            {
                foreach (var price in await prices.ReadBasePricesAsync(missing, cancellationToken).ConfigureAwait(false))
                {
                    Add(book, price);
                }
            }

            reports.Add(await ComputeChannelAsync(channel, items.Values, book, now, store, cancellationToken).ConfigureAwait(false));
        }

        return new PriceSyncReport { DryRun = !store, Channels = reports };
    }

    private async Task<ChannelPriceReport> ComputeChannelAsync(
        IPriceChannel channel, IEnumerable<ChannelItemDefinition> items, Dictionary<string, List<BasePrice>> book, DateTimeOffset now, bool store, CancellationToken cancellationToken)
    {
        var computed = new List<(DesiredPrice Desired, IReadOnlyList<string> Steps)>();
        var problems = new List<PriceProblem>();
        foreach (var item in items.OrderBy(i => i.ChannelItemId, StringComparer.Ordinal))
        {
            var basePrices = item.Components.SelectMany(c => book.TryGetValue(c.Sku, out var list) ? list : []).ToArray();
            var request = new PriceCalculationRequest { Item = item, BasePrices = basePrices, SupportsSaleSchedule = channel.SupportsSaleSchedule, Now = now };
            var result = await _calculator.CalculateAsync(request, cancellationToken).ConfigureAwait(false);
            if (result.Problem is { } problem)
            {
                problems.Add(new PriceProblem { ChannelItemId = item.ChannelItemId, Reason = problem, Field = result.ProblemField });
                continue;
            }

            var sku = item.Components.Count == 1 ? item.Components[0].Sku : null;
            foreach (var price in result.Prices)
            {
                var key = new PriceKey(channel.Name, item.ChannelItemId, price.Price.Currency);
                computed.Add((new DesiredPrice { Key = key, Price = price.Price, Sku = sku }, price.Steps));
            }
        }

        var existing = computed.Count == 0
            ? []
            : (await Prices.GetPricesAsync([.. computed.Select(c => c.Desired.Key)], cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key);
        var limit = Settings.MaxChangePercentByChannel.TryGetValue(channel.Name, out var perChannel) ? perChannel : Settings.MaxChangePercent;
        var changes = new List<PriceChange>();
        var writes = new List<DesiredPrice>();
        foreach (var (desired, steps) in computed)
        {
            var row = existing.GetValueOrDefault(desired.Key);
            if (row is not null && row.Desired == desired.Price)
            {
                // Stored already: an unchanged desired price leaves the row, and its hold, as they are.
                if (row.Acknowledged != desired.Price)
                {
                    changes.Add(new PriceChange { Key = desired.Key, Sku = desired.Sku, From = row.Acknowledged, To = desired.Price, Steps = steps, HoldReason = row.HoldReason });
                }

                continue;
            }

            if (row is not null && row.Acknowledged == desired.Price)
            {
                writes.Add(desired); // back to what the channel shows: nothing to push, nothing to hold
                continue;
            }

            var hold = HoldReason(row?.Acknowledged, desired.Price, limit);
            writes.Add(desired with { HoldReason = hold });
            changes.Add(new PriceChange { Key = desired.Key, Sku = desired.Sku, From = row?.Acknowledged, To = desired.Price, Steps = steps, HoldReason = hold });
        }

        if (store)
        {
            if (writes.Count > 0)
            {
                await Prices.SetDesiredPricesAsync(writes, now, cancellationToken).ConfigureAwait(false);
            }

            foreach (var held in writes.Where(w => w.HoldReason is not null))
            {
                _metrics.PricesHeld.Add(1, ConnectorsMetrics.Channel(channel.Name));
                Log.PriceHeld(_logger, channel.Name, held.Key.ChannelItemId, held.HoldReason!);
            }

            foreach (var problem in problems)
            {
                await DeadLetterProblemAsync(channel, problem, now, cancellationToken).ConfigureAwait(false);
            }
        }

        changes.Sort(static (a, b) =>
        {
            var byItem = string.CompareOrdinal(a.Key.ChannelItemId, b.Key.ChannelItemId);
            return byItem != 0 ? byItem : string.CompareOrdinal(a.Key.Currency, b.Key.Currency);
        });
        return new ChannelPriceReport { Channel = channel.Name, Computed = computed.Count, Changes = changes, Problems = problems };
    }

    /// <summary>
    /// Why a change must wait for a person: the regular or the sale price moves by more than <paramref name="limit"/>
    /// percent of what the channel shows. A price never pushed has nothing to compare with and is not held.
    /// </summary>
    internal static string? HoldReason(ChannelPrice? acknowledged, ChannelPrice desired, decimal limit)
    {
        if (acknowledged is null || !string.Equals(acknowledged.Currency, desired.Currency, StringComparison.Ordinal))
        {
            return null;
        }

        return Check("price", acknowledged.Amount.Amount, desired.Amount.Amount)
            ?? Check("sale price", (acknowledged.Sale ?? acknowledged.Amount).Amount, (desired.Sale ?? desired.Amount).Amount);

        string? Check(string what, decimal from, decimal to)
        {
            if (from == to)
            {
                return null;
            }

            if (from == 0m)
            {
                return string.Create(CultureInfo.InvariantCulture, $"the {what} moves from 0 to {to} {desired.Currency}, an unbounded change; the limit is {limit} %.");
            }

            var percent = Math.Abs(to - from) / from * 100m;
            return percent > limit
                ? string.Create(CultureInfo.InvariantCulture, $"the {what} moves from {from} to {to} {desired.Currency}, a {percent.ToString("0.0", CultureInfo.InvariantCulture)} % {(to < from ? "decrease" : "increase")}, above the {limit} % limit; release or discard it.")
                : null;
        }
    }

    private async Task DeadLetterProblemAsync(IPriceChannel channel, PriceProblem problem, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(
            new PriceDeadLetterPayload { Channel = channel.Name, ChannelItemId = problem.ChannelItemId, Field = problem.Field },
            PriceJsonContext.Default.PriceDeadLetterPayload);
        var letter = new DeadLetter
        {
            Id = $"{ConnectorFlows.Prices}/{channel.Name}/{problem.ChannelItemId}/calculation",
            Channel = channel.Name,
            Flow = ConnectorFlows.Prices,
            Kind = ProblemKind,
            Reason = problem.Field is null ? problem.Reason : $"{problem.Field}: {problem.Reason}",
            ErrorType = "pricing",
            Payload = payload,
            Attempts = 1,
            FirstAttemptAt = now,
            DeadLetteredAt = now,
            SourceQueue = null,
        };
        await _store.AddDeadLetterAsync(letter, cancellationToken).ConfigureAwait(false);
        _metrics.DeadLetters.Add(1, ConnectorsMetrics.Flow(ConnectorFlows.Prices), ConnectorsMetrics.Channel(channel.Name), ConnectorsMetrics.ErrorType("pricing"));
        Log.PriceProblem(_logger, channel.Name, problem.ChannelItemId, letter.Reason);
    }

    private static void Add(Dictionary<string, List<BasePrice>> book, BasePrice price)
    {
        if (!book.TryGetValue(price.Sku, out var list))
        {
            book[price.Sku] = list = [];
        }

        list.Add(price);
    }

    private IPriceChannel[] GetChannels()
    {
        if (Volatile.Read(ref _channels) is { } channels)
        {
            return channels;
        }

        var list = new List<IPriceChannel>();
        foreach (var name in _registry.Names)
        {
            if (_registry.TryGetPort<IPriceChannel>(name, out var port))
            {
                list.Add(port);
            }
        }

        Volatile.Write(ref _channels, [.. list]);
        return _channels!;
    }

    private IPriceChannel GetChannel(string channel)
    {
        foreach (var port in GetChannels())
        {
            if (string.Equals(port.Name, channel, StringComparison.OrdinalIgnoreCase))
            {
                return port;
            }
        }

        var known = string.Join(", ", GetChannels().Select(p => p.Name));
        throw new ConnectorException($"No price channel is named '{channel}' ({(known.Length == 0 ? "none are registered" : "price channels: " + known)}).");
    }
}
