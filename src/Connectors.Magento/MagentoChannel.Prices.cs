using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Connectors.Internal;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>
/// Prices through Magento's efficient price API: <c>POST /V1/products/base-prices</c>, and special prices with their
/// dates (<c>/V1/products/special-price</c>, <c>-information</c>, <c>-delete</c>).
/// </summary>
public sealed partial class MagentoChannel : IPriceChannel
{
    private const string DateFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The store's currency and time zone, read once (from the options or <c>store/storeConfigs</c>).</summary>
    private readonly ReadOnce<StorePricing> _pricing;

    /// <inheritdoc />
    /// <remarks><see cref="MagentoOptions.BatchSize"/>: one push is one batch of each price request.</remarks>
    public int MaxPriceBatchSize => _client.Options.BatchSize;

    /// <inheritdoc />
    /// <remarks><see cref="MagentoOptions.ScheduleSales"/>: special prices carry <c>price_from</c>/<c>price_to</c>, by whole days.</remarks>
    public bool SupportsSaleSchedule => _client.Options.ScheduleSales;

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Per batch of <see cref="MagentoOptions.BatchSize"/>: the base prices (<c>POST /V1/products/base-prices</c>, store
    /// <see cref="MagentoOptions.PriceStoreId"/>); then the SKUs' special prices are read
    /// (<c>special-price-information</c>), one that differs from the wanted one is deleted (<c>special-price-delete</c>,
    /// with the row as Magento gave it) and the wanted one written (<c>special-price</c>). Deleting first matters: Magento
    /// writes only the dates it is given, so a new special price without an end would keep an old end date.
    /// </para>
    /// <para>
    /// A sale is the special price with its window: <c>price_from</c> is the first day, <c>price_to</c> the last day of
    /// the sale (Magento includes the whole last day), both in the store's time zone; an open side is sent as <c>""</c>,
    /// for which Magento writes no date. A compare-at price above the price, without a sale, is shown the Magento way: the
    /// compare-at price as the base price and the price as an open special price. Without either, any special price is
    /// deleted. Magento has no minimum advertised price in this API (the engine's floors keep it).
    /// </para>
    /// <para>
    /// Refused per item (<see cref="PushOutcome.Rejected"/>, dead-lettered by the engine): a price in another currency
    /// than the store's base currency (<c>currency_mismatch</c>), a sale whose window is not whole days of the store's
    /// time zone (<c>sale_window_not_whole_days</c>), and what Magento refuses: its answer lists failed items with a
    /// message and parameters but no index, so a failure is given to the item whose SKU it names, and a batch with a
    /// failure that names no SKU of the batch is sent again item by item. Codes: <c>sku_not_found</c>,
    /// <c>store_not_found</c>, <c>price_scope_global</c> (a store id other than 0 under global price scope),
    /// <c>price_refused</c>.
    /// </para>
    /// </remarks>
    /// <exception cref="ConnectorException">The store's currency or time zone is not configured and cannot be read.</exception>
    public async Task<IReadOnlyList<PricePushItemResult>> PushPricesAsync(IReadOnlyList<PriceTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = new PricePushItemResult[targets.Count];
        if (targets.Count == 0)
        {
            return results;
        }

        var options = _client.Options;
        var store = await GetStorePricingAsync(cancellationToken).ConfigureAwait(false);
        var plans = new List<PricePlan>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (!string.Equals(target.Price.Currency, store.Currency, StringComparison.Ordinal))
            {
                results[i] = PricePushItemResult.Rejected(
                    target,
                    $"The price of '{target.ChannelItemId}' is in {target.Price.Currency}, but Magento keeps this store's prices in its base currency {store.Currency} (display currencies are converted by Magento); price this channel in {store.Currency} (mapping profile Pricing.Currency).",
                    "currency_mismatch");
                continue;
            }

            if (string.IsNullOrWhiteSpace(target.ChannelItemId))
            {
                results[i] = PricePushItemResult.Rejected(target, "The channel item id is empty; Magento prices are set by SKU.", "invalid_item_id");
                continue;
            }

            if (Plan(i, target, store, options.PriceStoreId) is { } plan)
            {
                plans.Add(plan);
            }
            else
            {
                results[i] = PricePushItemResult.Rejected(
                    target,
                    $"The sale of '{target.ChannelItemId}' ({target.Price.SaleStartsAt:O} to {target.Price.SaleEndsAt:O}) does not start and end at midnight in the store's time zone ({store.TimeZone.Id}); Magento applies special prices by whole days. Use whole-day sale windows, or set MagentoOptions.ScheduleSales to false to let the engine start and end the sale.",
                    "sale_window_not_whole_days");
            }
        }

        foreach (var chunk in plans.Chunk(options.BatchSize))
        {
            await PushPriceBatchAsync(chunk, targets, results, options.PriceStoreId, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>What to write for one target, or <see langword="null"/> when its sale window is not whole store days.</summary>
    private static PricePlan? Plan(int index, PriceTarget target, StorePricing store, int storeId)
    {
        var price = target.Price;
        var sku = target.ChannelItemId;
        if (price.Sale is { } sale)
        {
            string from = string.Empty, to = string.Empty;
            if (price.SaleStartsAt is { } start)
            {
                var local = TimeZoneInfo.ConvertTime(start, store.TimeZone);
                if (local.TimeOfDay != TimeSpan.Zero)
                {
                    return null;
                }

                from = local.ToString(DateFormat, CultureInfo.InvariantCulture);
            }

            if (price.SaleEndsAt is { } end)
            {
                var local = TimeZoneInfo.ConvertTime(end, store.TimeZone);
                if (local.TimeOfDay != TimeSpan.Zero)
                {
                    return null;
                }

                to = local.AddDays(-1).ToString(DateFormat, CultureInfo.InvariantCulture); // Magento's last day is included
            }

            return new PricePlan(index, sku, price.Amount.Amount, new SpecialPriceItem { Sku = sku, Price = sale.Amount, StoreId = storeId, PriceFrom = from, PriceTo = to });
        }

        if (price.CompareAt is { } was && was.Amount > price.Amount.Amount)
        {
            return new PricePlan(index, sku, was.Amount, new SpecialPriceItem { Sku = sku, Price = price.Amount.Amount, StoreId = storeId, PriceFrom = string.Empty, PriceTo = string.Empty });
        }

        return new PricePlan(index, sku, price.Amount.Amount, null);
    }

    private async Task PushPriceBatchAsync(PricePlan[] batch, IReadOnlyList<PriceTarget> targets, PricePushItemResult[] results, int storeId, CancellationToken cancellationToken)
    {
        var failed = new Dictionary<string, (string Reason, string Code)>(StringComparer.Ordinal);
        try
        {
            var bases = batch.Select(p => new BasePriceItem { Sku = p.Sku, Price = p.Base, StoreId = storeId }).ToList();
            await SendPriceItemsAsync("products/base-prices", bases, b => b.Sku, items => new BasePricesRequest { Prices = items }, MagentoJsonContext.Default.BasePricesRequest, failed, cancellationToken).ConfigureAwait(false);

            var open = batch.Where(p => !failed.ContainsKey(p.Sku)).ToList();
            if (open.Count > 0)
            {
                var read = await _client.SendAsync(
                    HttpMethod.Post, "products/special-price-information", new SkusRequest { Skus = open.Select(p => p.Sku).Distinct(StringComparer.Ordinal).ToList() },
                    MagentoJsonContext.Default.SkusRequest, MagentoJsonContext.Default.ListSpecialPriceItem, cancellationToken).ConfigureAwait(false);
                var existing = read.Where(r => r.StoreId == storeId && r.Sku is not null).ToLookup(r => r.Sku!, StringComparer.Ordinal);
                var delete = new List<SpecialPriceItem>();
                var write = new List<SpecialPriceItem>();
                foreach (var plan in open)
                {
                    var rows = existing[plan.Sku].ToList();
                    if (plan.Special is { } wanted && rows.Count == 1 && SameSpecial(rows[0], wanted))
                    {
                        continue;
                    }

                    delete.AddRange(rows);
                    if (plan.Special is { } special)
                    {
                        write.Add(special);
                    }
                }

                if (delete.Count > 0)
                {
                    foreach (var row in delete)
                    {
                        row.PriceFrom ??= string.Empty; // the schema requires both; Magento gives none for an open side
                        row.PriceTo ??= string.Empty;
                    }

                    await SendPriceItemsAsync("products/special-price-delete", delete, s => s.Sku!, items => new SpecialPricesRequest { Prices = items }, MagentoJsonContext.Default.SpecialPricesRequest, failed, cancellationToken).ConfigureAwait(false);
                }

                write.RemoveAll(s => failed.ContainsKey(s.Sku!));
                if (write.Count > 0)
                {
                    await SendPriceItemsAsync("products/special-price", write, s => s.Sku!, items => new SpecialPricesRequest { Prices = items }, MagentoJsonContext.Default.SpecialPricesRequest, failed, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (ConnectorAuthenticationException)
        {
            throw;
        }
        catch (ConnectorRequestFailedException ex)
        {
            foreach (var plan in batch)
            {
                var target = targets[plan.Index];
                results[plan.Index] = failed.TryGetValue(plan.Sku, out var refused) ? PricePushItemResult.Rejected(target, refused.Reason, refused.Code)
                    : ex.IsTransient ? PricePushItemResult.Retry(target, ex.Message, ex.RetryAfter)
                    : PricePushItemResult.Rejected(target, ex.Message, ex.ErrorCode ?? ex.StatusCode?.ToString(CultureInfo.InvariantCulture));
            }

            return;
        }

        foreach (var plan in batch)
        {
            var target = targets[plan.Index];
            results[plan.Index] = failed.TryGetValue(plan.Sku, out var refused)
                ? PricePushItemResult.Rejected(target, refused.Reason, refused.Code)
                : PricePushItemResult.Applied(target);
        }
    }

    /// <summary>
    /// Sends items to one of the efficient price endpoints and records the refused ones by SKU. Magento answers the failed
    /// items without their index; a failure naming no SKU of the request makes the items go again one by one, where the
    /// failure can only be the item's.
    /// </summary>
    private async Task SendPriceItemsAsync<TItem, TBody>(
        string path, List<TItem> items, Func<TItem, string> skuOf, Func<List<TItem>, TBody> body, JsonTypeInfo<TBody> bodyType,
        Dictionary<string, (string Reason, string Code)> failed, CancellationToken cancellationToken)
    {
        var answer = await _client.SendAsync(HttpMethod.Post, path, body(items), bodyType, MagentoJsonContext.Default.ListPriceUpdateResult, cancellationToken).ConfigureAwait(false);
        if (answer.Count == 0)
        {
            return;
        }

        var skus = items.Select(skuOf).ToHashSet(StringComparer.Ordinal);
        var unattributed = false;
        foreach (var error in answer)
        {
            var reason = $"POST /V1/{path}: {RenderPriceError(error)}";
            var code = PriceErrorCode(error.Message);
            var named = items.Count == 1 ? skuOf(items[0]) : error.Parameters?.FirstOrDefault(p => p is not null && skus.Contains(p));
            if (named is null)
            {
                unattributed = true;
                continue;
            }

            failed.TryAdd(named, (reason, code));
        }

        if (unattributed)
        {
            foreach (var item in items.Where(i => !failed.ContainsKey(skuOf(i))))
            {
                await SendPriceItemsAsync(path, [item], skuOf, body, bodyType, failed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The message with its parameters: <c>%1</c>... by position; Magento's named placeholders (<c>%SKU</c>,
    /// <c>%storeId</c>) come with a list of values only, so the values are appended rather than guessed into place.
    /// </summary>
    internal static string RenderPriceError(PriceUpdateResult error)
    {
        var message = error.Message ?? "refused";
        var parameters = error.Parameters ?? [];
        var rendered = PositionalPlaceholder().Replace(message, m =>
            int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= parameters.Count ? parameters[n - 1] ?? string.Empty : m.Value);
        return NamedPlaceholder().IsMatch(rendered) && parameters.Count > 0
            ? $"{rendered} [{string.Join(", ", parameters.Select(p => p ?? "null"))}]"
            : rendered;
    }

    private static string PriceErrorCode(string? message) => message switch
    {
        null => "price_refused",
        _ when message.Contains("store is not found", StringComparison.OrdinalIgnoreCase) => "store_not_found",
        _ when message.Contains("price scope is global", StringComparison.OrdinalIgnoreCase) => "price_scope_global",
        _ when message.Contains("doesn't exist", StringComparison.OrdinalIgnoreCase) || message.Contains("%fieldName", StringComparison.Ordinal) && message.Contains("Invalid attribute", StringComparison.Ordinal) => "sku_not_found",
        _ => "price_refused",
    };

    private static bool SameSpecial(SpecialPriceItem shown, SpecialPriceItem wanted) =>
        shown.Price == wanted.Price && SameDate(shown.PriceFrom, wanted.PriceFrom) && SameDate(shown.PriceTo, wanted.PriceTo);

    private static bool SameDate(string? a, string? b) =>
        (string.IsNullOrEmpty(a), string.IsNullOrEmpty(b)) switch
        {
            (true, true) => true,
            (false, false) => DateTime.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var x)
                && DateTime.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.None, out var y) && x == y,
            _ => false,
        };

    /// <summary>
    /// The store's currency and time zone: <see cref="MagentoOptions.Currency"/> and <see cref="MagentoOptions.TimeZone"/>
    /// when both are configured, otherwise read once from <c>GET /V1/store/storeConfigs</c> (the store view
    /// <see cref="MagentoOptions.PriceStoreId"/>, or the channel's <see cref="MagentoOptions.StoreCode"/> for 0); a failed
    /// read is tried again on the next push.
    /// </summary>
    private async Task<StorePricing> GetStorePricingAsync(CancellationToken cancellationToken)
    {
        var options = _client.Options;
        if (options.Currency is { Length: > 0 } currency && options.TimeZone is { Length: > 0 } zone)
        {
            return new StorePricing(currency, TimeZoneInfo.FindSystemTimeZoneById(zone));
        }

        return await _pricing.GetAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<StorePricing> ReadStorePricingAsync()
    {
        var options = _client.Options;
        List<StoreConfig> configs;
        try
        {
            // Not the caller's token: the read is shared by every push waiting for it.
            configs = await _client.GetAsync("store/storeConfigs", MagentoJsonContext.Default.ListStoreConfig, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConnectorRequestFailedException ex) when (!ex.IsTransient)
        {
            throw new ConnectorException(
                $"Magento channel '{Name}': the store's currency and time zone could not be read from store/storeConfigs ({ex.Message}); set MagentoOptions.Currency and TimeZone, or grant the integration the stores resource.",
                isTransient: false,
                ex);
        }

        var config = (options.PriceStoreId != 0 ? configs.FirstOrDefault(c => c.Id == options.PriceStoreId) : null)
            ?? configs.FirstOrDefault(c => string.Equals(c.Code, options.StoreCode, StringComparison.Ordinal))
            ?? configs.FirstOrDefault();
        var currency = options.Currency ?? config?.BaseCurrencyCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(currency))
        {
            throw new ConnectorException($"Magento channel '{Name}': store/storeConfigs names no base_currency_code for store '{options.StoreCode}'; set MagentoOptions.Currency.");
        }

        var zoneId = options.TimeZone ?? config?.Timezone;
        if (string.IsNullOrEmpty(zoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            throw new ConnectorException($"Magento channel '{Name}': the store's time zone '{zoneId}' is not known here; set MagentoOptions.TimeZone to an IANA id.");
        }

        return new StorePricing(currency, zone);
    }

    [GeneratedRegex(@"%(\d+)")]
    private static partial Regex PositionalPlaceholder();

    [GeneratedRegex(@"%[A-Za-z_]")]
    private static partial Regex NamedPlaceholder();

    private sealed record StorePricing(string Currency, TimeZoneInfo TimeZone);

    private sealed record PricePlan(int Index, string Sku, decimal Base, SpecialPriceItem? Special);
}
