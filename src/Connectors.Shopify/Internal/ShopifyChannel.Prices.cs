using System.Collections.Concurrent;
using System.Globalization;
using Connectors.Internal;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Prices: <c>productVariantsBulkUpdate</c> (<c>price</c>, <c>compareAtPrice</c>) per product, in the shop's currency.
/// The channel item is the InventoryItem GID, as for stock; the variants behind it (and their products) are read once
/// with <c>InventoryItem.variants</c> and remembered.
/// </summary>
internal sealed partial class ShopifyChannel : IPriceChannel
{
    /// <summary>Variants per <c>productVariantsBulkUpdate</c> call (the issue's and Shopify's guides' figure per call).</summary>
    internal const int VariantsPerPriceCall = 250;

    // Variants read with an item in the lookup; an item referenced by more (rare) is read on from its cursor.
    private const int VariantsPerItemFirst = 5;

    // The InventoryItem GID -> the variants (and their products) that reference it. Dropped when Shopify says a variant
    // or product is gone, so the next attempt reads it again.
    private readonly ConcurrentDictionary<string, IReadOnlyList<PricedVariantNode>> _priceVariants = new(StringComparer.Ordinal);

    /// <summary>The shop's currency (<c>shop { currencyCode }</c>), read once; a failed read is tried again on the next push.</summary>
    private readonly ReadOnce<string> _shopCurrency;

    /// <inheritdoc />
    /// <remarks>250: one full <c>productVariantsBulkUpdate</c> when the items are variants of one product; items of several products take one call per product.</remarks>
    public int MaxPriceBatchSize => VariantsPerPriceCall;

    /// <inheritdoc />
    /// <remarks>
    /// <see langword="false"/>: Shopify has no scheduled sale price. The engine resolves a sale when it computes (inside the window
    /// the price is the sale price and the compare-at price the regular one) and reprices at its start and end.
    /// </remarks>
    public bool SupportsSaleSchedule => false;

    /// <inheritdoc />
    /// <remarks>
    /// Refused per item (<see cref="PushOutcome.Rejected"/>, dead-lettered by the engine): a price in another currency than the
    /// shop's (<c>currency_mismatch</c>), an amount with more decimals than the shop's currency has (<c>price_precision</c>,
    /// never rounded), a sale with a window (<c>sale_not_scheduled</c>: the engine resolves sales for this channel), an id that is
    /// not an InventoryItem (<c>INVALID_ITEM_ID</c>) or not in the shop (<c>ITEM_NOT_FOUND</c>), and Shopify's user errors
    /// with their codes (<c>NEGATIVE_PRICE_VALUE</c>, ...). A variant or product Shopify no longer knows is retried after a fresh
    /// lookup. An item is applied only when the answer shows every one of its variants with the prices sent.
    /// </remarks>
    public async Task<IReadOnlyList<PricePushItemResult>> PushPricesAsync(IReadOnlyList<PriceTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = new PricePushItemResult?[targets.Count];
        if (targets.Count == 0)
        {
            return [];
        }

        var currency = await GetShopCurrencyAsync(cancellationToken).ConfigureAwait(false);
        var items = new string?[targets.Count];
        var inputs = new (string Price, string? CompareAt)[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (Refuse(target, currency) is { } refused)
            {
                results[i] = refused;
                continue;
            }

            items[i] = ShopifyIds.Normalise(target.ChannelItemId, ShopifyIds.InventoryItem);
            if (items[i] is null)
            {
                results[i] = PricePushItemResult.Rejected(target, $"ChannelItemId '{target.ChannelItemId}' is not an InventoryItem GID or numeric id.", "INVALID_ITEM_ID");
                continue;
            }

            var price = target.Price;
            var digits = Money.MinorUnitsOf(currency);
            var compareAt = price.CompareAt is { } was && was.Amount > price.Amount.Amount ? Format(was.Amount, digits) : null;
            inputs[i] = (Format(price.Amount.Amount, digits), compareAt);
        }

        await ResolveVariantsAsync([.. items.Where((item, i) => item is not null && results[i] is null).OfType<string>()], cancellationToken).ConfigureAwait(false);

        // Per product, the variants to set and the target each belongs to (an item referenced by several variants sets them all).
        var byProduct = new Dictionary<string, List<(int Target, VariantPriceInput Input)>>(StringComparer.Ordinal);
        var pending = new int[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            if (results[i] is not null)
            {
                continue;
            }

            if (!_priceVariants.TryGetValue(items[i]!, out var variants))
            {
                results[i] = PricePushItemResult.Rejected(targets[i], $"Inventory item {items[i]} is not in the shop (or the app cannot read its product).", "ITEM_NOT_FOUND");
                continue;
            }

            if (variants.Count == 0)
            {
                results[i] = PricePushItemResult.Rejected(targets[i], $"Inventory item {items[i]} has no variant to price.", "ITEM_WITHOUT_VARIANT");
                continue;
            }

            foreach (var variant in variants)
            {
                var product = variant.Product?.Id ?? string.Empty;
                if (!byProduct.TryGetValue(product, out var list))
                {
                    byProduct[product] = list = [];
                }

                list.Add((i, new VariantPriceInput(variant.Id, inputs[i].Price, inputs[i].CompareAt)));
                pending[i]++;
            }
        }

        var calls = byProduct.SelectMany(p => p.Value.Chunk(VariantsPerPriceCall).Select(chunk => (Product: p.Key, Chunk: chunk))).ToArray();
        var outcomes = byProduct.Count > _client.Options.BulkPriceProductThreshold
            ? await PushPricesInBulkAsync(calls, targets, items, cancellationToken).ConfigureAwait(false)
            : null;
        if (outcomes is null)
        {
            outcomes = new List<(int Target, PricePushItemResult? Failure)>[calls.Length];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, calls.Length),
                new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentInventoryCalls, CancellationToken = cancellationToken },
                async (index, token) => outcomes[index] = await PushPriceCallAsync(calls[index].Product, calls[index].Chunk, targets, items, token).ConfigureAwait(false)).ConfigureAwait(false);
        }

        // A target is applied when each of its variants is; the first failure of one of them is its outcome.
        foreach (var (target, failure) in outcomes.SelectMany(o => o))
        {
            if (failure is not null)
            {
                results[target] ??= failure;
            }
            else if (--pending[target] == 0)
            {
                results[target] ??= PricePushItemResult.Applied(targets[target]);
            }
        }

        return [.. results.Select((r, i) => r ?? PricePushItemResult.Retry(targets[i], "Not applied: the shop's answer did not cover every variant of the item."))];
    }

    /// <summary>Why a target cannot be sent to this shop at all, or <see langword="null"/>.</summary>
    private static PricePushItemResult? Refuse(PriceTarget target, string currency)
    {
        var price = target.Price;
        if (!string.Equals(price.Currency, currency, StringComparison.Ordinal))
        {
            return PricePushItemResult.Rejected(
                target,
                $"The price of '{target.ChannelItemId}' is in {price.Currency}, but the Shopify shop's currency is {currency} (productVariantsBulkUpdate sets prices in the shop currency); price this channel in {currency} (mapping profile Pricing.Currency).",
                "currency_mismatch");
        }

        if (price.Sale is not null)
        {
            return PricePushItemResult.Rejected(
                target,
                $"The price of '{target.ChannelItemId}' carries a scheduled sale ({price}), but Shopify has no sale schedule (SupportsSaleSchedule is false): the engine sends the sale as price and compare-at price while it runs.",
                "sale_not_scheduled");
        }

        var digits = Money.MinorUnitsOf(currency);
        foreach (var amount in new[] { price.Amount.Amount, price.CompareAt?.Amount ?? 0m })
        {
            if (decimal.Round(amount, digits) != amount)
            {
                return PricePushItemResult.Rejected(
                    target,
                    string.Create(CultureInfo.InvariantCulture, $"The price of '{target.ChannelItemId}' ({price}) has more decimals than {currency} has ({digits}); Shopify would show it rounded."),
                    "price_precision");
            }
        }

        return null;
    }

    private static string Format(decimal amount, int digits) =>
        amount.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Sends one <c>productVariantsBulkUpdate</c> and judges each variant: applied, or the failure of its target.</summary>
    private async Task<List<(int Target, PricePushItemResult? Failure)>> PushPriceCallAsync(
        string product, (int Target, VariantPriceInput Input)[] chunk, IReadOnlyList<PriceTarget> targets, string?[] items, CancellationToken cancellationToken)
    {
        ProductVariantsBulkUpdatePayload payload;
        try
        {
            var data = await _client.SendAsync(
                GraphDocuments.ProductVariantsBulkUpdate,
                new ProductVariantsBulkUpdateVariables(product, [.. chunk.Select(c => c.Input)]),
                ShopifyJsonContext.Default.ProductVariantsBulkUpdateVariables,
                ShopifyJsonContext.Default.GraphResponseProductVariantsBulkUpdateData,
                cancellationToken).ConfigureAwait(false);
            payload = data.ProductVariantsBulkUpdate
                ?? throw new ShopifyGraphQLException(GraphDocuments.ProductVariantsBulkUpdate, "the answer has no productVariantsBulkUpdate payload.", null, null, null, isTransient: true);
        }
        catch (ConnectorException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(chunk, targets, ex);
        }

        return JudgePrices(product, chunk, payload, targets, items);
    }

    /// <summary>Every target of the chunk failed with <paramref name="ex"/>: retried when transient, rejected with its code otherwise.</summary>
    private static List<(int Target, PricePushItemResult? Failure)> Failed((int Target, VariantPriceInput Input)[] chunk, IReadOnlyList<PriceTarget> targets, ConnectorException ex) =>
        [.. chunk.Select(c => (c.Target, (PricePushItemResult?)(ex.IsTransient
            ? PricePushItemResult.Retry(targets[c.Target], ex.Message, (ex as ConnectorRequestFailedException)?.RetryAfter)
            : PricePushItemResult.Rejected(targets[c.Target], ex.Message, (ex as ConnectorRequestFailedException)?.ErrorCode))))];

    /// <summary>Judges each variant of one <c>productVariantsBulkUpdate</c> answer (a call's, or a line of a bulk mutation's result).</summary>
    private List<(int Target, PricePushItemResult? Failure)> JudgePrices(
        string product, (int Target, VariantPriceInput Input)[] chunk, ProductVariantsBulkUpdatePayload payload, IReadOnlyList<PriceTarget> targets, string?[] items)
    {
        var outcomes = new List<(int Target, PricePushItemResult? Failure)>(chunk.Length);
        var shown = (payload.ProductVariants ?? []).Where(v => v is not null).ToDictionary(v => v.Id, StringComparer.Ordinal);
        var byIndex = new Dictionary<int, UserError>();
        UserError? general = null;
        foreach (var error in payload.UserErrors ?? [])
        {
            if (VariantIndex(error.Field) is { } index && index < chunk.Length)
            {
                byIndex.TryAdd(index, error);
            }
            else
            {
                general ??= error;
            }
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            var (target, input) = chunk[i];
            var error = byIndex.GetValueOrDefault(i) ?? general;
            if (shown.TryGetValue(input.Id, out var variant) && SameAmount(variant.Price, input.Price) && SameAmount(variant.CompareAtPrice, input.CompareAtPrice))
            {
                outcomes.Add((target, null));
            }
            else if (error?.Code is "PRODUCT_VARIANT_DOES_NOT_EXIST" or "PRODUCT_DOES_NOT_EXIST" or "MUST_BE_FOR_THIS_PRODUCT")
            {
                // The variant was deleted or moved since it was looked up: look again on the next attempt.
                _priceVariants.TryRemove(items[target]!, out _);
                outcomes.Add((target, PricePushItemResult.Retry(targets[target], $"{error.Message} ({error.Code}, variant {input.Id} of product {product}); the item's variants are read again on the next attempt.")));
            }
            else if (error is not null)
            {
                outcomes.Add((target, PricePushItemResult.Rejected(targets[target], $"{error.Message} (variant {input.Id}, field {string.Join('.', error.Field ?? [])})", error.Code)));
            }
            else if (variant is not null)
            {
                outcomes.Add((target, PricePushItemResult.Rejected(
                    targets[target],
                    $"Variant {input.Id} shows price {variant.Price} / compare-at {variant.CompareAtPrice ?? "none"} after the update, not {input.Price} / {input.CompareAtPrice ?? "none"}.",
                    "price_not_applied")));
            }
            else
            {
                outcomes.Add((target, PricePushItemResult.Retry(targets[target], $"productVariantsBulkUpdate answered without variant {input.Id} and without an error for it.")));
            }
        }

        return outcomes;
    }

    /// <summary>The index in <c>variants</c> an error's field path names (<c>["variants","3","price"]</c>), or <see langword="null"/>.</summary>
    internal static int? VariantIndex(IReadOnlyList<string>? field)
    {
        for (var i = 0; field is not null && i + 1 < field.Count; i++)
        {
            if (field[i] == "variants" && int.TryParse(field[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index;
            }
        }

        return null;
    }

    private static bool SameAmount(string? shown, string? sent) =>
        (shown, sent) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => decimal.TryParse(shown, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(sent, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var b)
                && a == b,
        };

    /// <summary>Reads the variants of the items not looked up yet, as many per query as the cost bucket affords.</summary>
    private async Task ResolveVariantsAsync(IReadOnlyList<string> items, CancellationToken cancellationToken)
    {
        var unknown = items.Where(i => !_priceVariants.ContainsKey(i)).Distinct(StringComparer.Ordinal).ToArray();
        var offset = 0;
        while (offset < unknown.Length)
        {
            var rest = unknown.AsMemory(offset);
            var (data, size) = await _client.SendPageAsync(
                GraphDocuments.InventoryItemVariants,
                n => new InventoryItemVariantsVariables(rest[..Math.Min(n, rest.Length)].ToArray(), VariantsPerItemFirst),
                ShopifyJsonContext.Default.InventoryItemVariantsVariables,
                ShopifyJsonContext.Default.GraphResponseInventoryItemVariantsData,
                Math.Min(250, rest.Length),
                cancellationToken).ConfigureAwait(false);
            offset += Math.Min(size, rest.Length);
            foreach (var node in data.Nodes ?? [])
            {
                // A null node is an id the shop does not know: not remembered, so a later push looks again.
                if (node?.Id is not { } id)
                {
                    continue;
                }

                var variants = await AllNodesAsync(
                    node.Variants,
                    GraphDocuments.InventoryItemVariants,
                    $"inventory item {id}",
                    (n, after) => new InventoryItemVariantsVariables([id], n, after),
                    ShopifyJsonContext.Default.InventoryItemVariantsVariables,
                    ShopifyJsonContext.Default.GraphResponseInventoryItemVariantsData,
                    d => d.Nodes?.FirstOrDefault(x => x?.Id == id)?.Variants,
                    cancellationToken).ConfigureAwait(false);
                _priceVariants[id] = variants;
            }
        }
    }

    private async Task<string> GetShopCurrencyAsync(CancellationToken cancellationToken)
    {
        return await _shopCurrency.GetAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ReadShopCurrencyAsync()
    {
        // Not the caller's token: the read is shared by every push waiting for it.
        var data = await _client.SendAsync(
            GraphDocuments.ShopCurrency,
            new EmptyVariables(),
            ShopifyJsonContext.Default.EmptyVariables,
            ShopifyJsonContext.Default.GraphResponseShopCurrencyData,
            CancellationToken.None).ConfigureAwait(false);
        return data.Shop?.CurrencyCode is { Length: 3 } code
            ? code
            : throw new ShopifyGraphQLException(GraphDocuments.ShopCurrency, "the shop has no currencyCode.", null, null, null, isTransient: true);
    }
}
