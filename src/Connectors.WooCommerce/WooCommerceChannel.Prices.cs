using System.Globalization;
using Connectors.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>
/// Prices: <c>regular_price</c>, <c>sale_price</c>, <c>date_on_sale_from_gmt</c> and <c>date_on_sale_to_gmt</c> through the
/// same product and variation batches as stock.
/// </summary>
public sealed partial class WooCommerceChannel : IPriceChannel
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>The shop's currency and price decimals, read once (from the options or <c>settings/general</c>).</summary>
    private readonly ReadOnce<ShopPricing> _pricing;

    /// <inheritdoc />
    /// <remarks>Like inventory: enough for <see cref="WooCommerceOptions.MaxConcurrency"/> full batches at once.</remarks>
    public int MaxPriceBatchSize => _client.Options.BatchSize * _client.Options.MaxConcurrency;

    /// <inheritdoc />
    /// <remarks><see langword="true"/>: WooCommerce starts and ends a sale itself from <c>date_on_sale_from</c>/<c>date_on_sale_to</c>.</remarks>
    public bool SupportsSaleSchedule => true;

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Each target becomes <c>regular_price</c> and <c>sale_price</c> as strings with the shop's decimals
    /// (<see cref="WooCommerceOptions.PriceDecimals"/>, or <c>woocommerce_price_num_decimals</c>), invariant culture,
    /// and the sale window as <c>date_on_sale_from_gmt</c>/<c>date_on_sale_to_gmt</c> (UTC, whole seconds); a price
    /// without a sale sends <c>""</c> for the sale price and both dates, which clears them. A compare-at price without a
    /// sale is shown the WooCommerce way, as the regular price with the price as a sale price; with a sale the regular
    /// price is what is struck through, and the compare-at price is not sent. WooCommerce has no minimum advertised price
    /// field (the engine's floors already keep it).
    /// </para>
    /// <para>
    /// Refused per item (<see cref="PushOutcome.Rejected"/>, dead-lettered by the engine): a price in another currency
    /// than the shop's (<c>currency_mismatch</c>, naming both: a WooCommerce shop has one currency), an amount with
    /// more decimals than the shop keeps (<c>price_precision</c>), an id that is not a WooCommerce item id, and an item
    /// whose answer does not show what was sent (<c>price_not_applied</c>: WooCommerce clears the prices of a variable
    /// product, whose variations carry them). The batches, their 413 handling and the per-item errors are the inventory
    /// push's (<see cref="PushInventoryAsync"/>).
    /// </para>
    /// </remarks>
    /// <exception cref="ConnectorException">The shop's currency is not configured and <c>settings/general</c> cannot be read.</exception>
    public async Task<IReadOnlyList<PricePushItemResult>> PushPricesAsync(IReadOnlyList<PriceTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = new PricePushItemResult[targets.Count];
        if (targets.Count == 0)
        {
            return results;
        }

        var shop = await GetShopPricingAsync(cancellationToken).ConfigureAwait(false);
        var updates = new WooBatchUpdate[targets.Count];
        var groups = new Dictionary<long, List<(int Index, long Id)>>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            var price = target.Price;
            if (!string.Equals(price.Currency, shop.Currency, StringComparison.Ordinal))
            {
                results[i] = PricePushItemResult.Rejected(
                    target,
                    $"The price of '{target.ChannelItemId}' is in {price.Currency}, but the WooCommerce shop sells in {shop.Currency} (its one currency); price this channel in {shop.Currency} (mapping profile Pricing.Currency).",
                    "currency_mismatch");
                continue;
            }

            if (!WooCommerceChannelItemId.TryParse(target.ChannelItemId, out var id))
            {
                results[i] = PricePushItemResult.Rejected(target, $"'{target.ChannelItemId}' is not a WooCommerce item id ('123' or '123/456').", "invalid_item_id");
                continue;
            }

            var itemId = id.IsVariation ? id.VariationId : id.ProductId;
            if (PriceUpdate(itemId, price, shop.Decimals) is not { } update)
            {
                results[i] = PricePushItemResult.Rejected(
                    target,
                    string.Create(CultureInfo.InvariantCulture, $"The price of '{target.ChannelItemId}' ({price}) has more decimals than the shop keeps ({shop.Decimals}, woocommerce_price_num_decimals); it would show rounded."),
                    "price_precision");
                continue;
            }

            updates[i] = update;
            var key = id.IsVariation ? id.ProductId : 0;
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((i, itemId));
        }

        var batch = new BatchJob(
            (index, _) => updates[index],
            (index, ex) => results[index] = ex.IsTransient
                ? PricePushItemResult.Retry(targets[index], ex.Message, ex.RetryAfter)
                : PricePushItemResult.Rejected(targets[index], ex.Message, ex.ErrorCode ?? ex.StatusCode?.ToString(CultureInfo.InvariantCulture)),
            (index, id, path, item) => results[index] = PriceAnswer(targets[index], updates[index], id, path, item));
        await SendBatchesAsync(groups, batch, cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>The batch update for a price, or <see langword="null"/> when an amount does not fit the shop's decimals.</summary>
    internal static WooBatchUpdate? PriceUpdate(long id, ChannelPrice price, int decimals)
    {
        var (regular, sale) = price.Sale is { } s ? (price.Amount, (Money?)s)
            : price.CompareAt is { } was && was.Amount > price.Amount.Amount ? (was, price.Amount)
            : (price.Amount, null);
        if (Format(regular.Amount, decimals) is not { } regularText)
        {
            return null;
        }

        string? saleText = string.Empty;
        if (sale is { } value && (saleText = Format(value.Amount, decimals)) is null)
        {
            return null;
        }

        var scheduled = price.Sale is not null;
        return new WooBatchUpdate
        {
            Id = id,
            RegularPrice = regularText,
            SalePrice = saleText,
            DateOnSaleFromGmt = scheduled && price.SaleStartsAt is { } from ? Time(from) : string.Empty,
            DateOnSaleToGmt = scheduled && price.SaleEndsAt is { } to ? Time(to) : string.Empty,
        };
    }

    /// <summary>An amount with exactly <paramref name="decimals"/> decimals, or <see langword="null"/> when it has more.</summary>
    internal static string? Format(decimal amount, int decimals) =>
        decimal.Round(amount, decimals) == amount ? amount.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Judges one item's answer: applied only when the shop shows what was sent.</summary>
    private static PricePushItemResult PriceAnswer(PriceTarget target, WooBatchUpdate sent, long id, string path, WooBatchItem? item)
    {
        if (item is null)
        {
            return PricePushItemResult.Retry(target, $"{path}: the answer holds no result for id {id}.");
        }

        if (item.Error is { } error)
        {
            var reason = $"{error.Message ?? "refused"} (id {id})";
            return error.Data?.Status is >= 500 or 429
                ? PricePushItemResult.Retry(target, reason)
                : PricePushItemResult.Rejected(target, reason, error.Code);
        }

        var differs = Differs("regular_price", sent.RegularPrice, item.RegularPrice, SameAmount)
            ?? Differs("sale_price", sent.SalePrice, item.SalePrice, SameAmount)
            ?? Differs("date_on_sale_from_gmt", sent.DateOnSaleFromGmt, item.DateOnSaleFromGmt, SameTime)
            ?? Differs("date_on_sale_to_gmt", sent.DateOnSaleToGmt, item.DateOnSaleToGmt, SameTime);
        return differs is null
            ? PricePushItemResult.Applied(target)
            : PricePushItemResult.Rejected(
                target,
                $"{path}: id {id} shows {differs} after the update (a variable product's own price cannot be set: price its variations).",
                "price_not_applied");

        static string? Differs(string field, string? sent, string? shown, Func<string, string, bool> same) =>
            (string.IsNullOrEmpty(sent), string.IsNullOrEmpty(shown)) switch
            {
                (true, true) => null,
                (false, false) when same(sent!, shown!) => null,
                _ => $"{field} '{shown}', not '{sent}'",
            };
    }

    private static bool SameAmount(string a, string b) =>
        decimal.TryParse(a, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var x)
        && decimal.TryParse(b, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var y)
        && x == y;

    private static bool SameTime(string a, string b) =>
        DateTime.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var x)
        && DateTime.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var y)
        && x == y;

    /// <summary>
    /// The shop's currency and decimals: <see cref="WooCommerceOptions.Currency"/> (with <see cref="WooCommerceOptions.PriceDecimals"/>
    /// or the currency's minor unit) when configured, otherwise <c>woocommerce_currency</c> and
    /// <c>woocommerce_price_num_decimals</c> from <c>GET settings/general</c>, read once per channel; a failed read is
    /// tried again on the next push.
    /// </summary>
    private async Task<ShopPricing> GetShopPricingAsync(CancellationToken cancellationToken)
    {
        var options = _client.Options;
        if (options.Currency is { Length: > 0 } configured)
        {
            return new ShopPricing(configured, options.PriceDecimals ?? Money.MinorUnitsOf(configured));
        }

        return await _pricing.GetAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShopPricing> ReadShopPricingAsync()
    {
        List<WooSetting> settings;
        try
        {
            // Not the caller's token: the read is shared by every push waiting for it.
            settings = await _client.GetAsync("settings/general", WooJsonContext.Default.ListWooSetting, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ConnectorRequestFailedException ex) when (!ex.IsTransient)
        {
            throw new ConnectorException(
                $"WooCommerce channel '{Name}': the shop's currency could not be read from settings/general ({ex.Message}); set WooCommerceOptions.Currency (and PriceDecimals) or give the API key read access to settings.",
                isTransient: false,
                ex);
        }

        var currency = settings.FirstOrDefault(s => s.Id == "woocommerce_currency")?.Value;
        if (string.IsNullOrWhiteSpace(currency))
        {
            throw new ConnectorException($"WooCommerce channel '{Name}': settings/general has no woocommerce_currency; set WooCommerceOptions.Currency.");
        }

        var options = _client.Options;
        var decimalsText = settings.FirstOrDefault(s => s.Id == "woocommerce_price_num_decimals")?.Value;
        var decimals = options.PriceDecimals
            ?? (int.TryParse(decimalsText, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 8 ? d : Money.MinorUnitsOf(currency));
        return new ShopPricing(currency.Trim().ToUpperInvariant(), decimals);
    }

    private sealed record ShopPricing(string Currency, int Decimals);
}
