using System.Runtime.CompilerServices;
using System.Text;
using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm;

public sealed partial class SapEwmWarehouse
{
    /// <summary>Products per <c>$filter</c> when the caller asks for given SKUs (keeps the URL short).</summary>
    internal const int SkusPerRequest = 40;

    /// <summary>
    /// Streams the stock of every product (or of the given SKUs) in each configured warehouse: the
    /// <c>WarehouseAvailableStock</c> rows of the available stock types, summed over storage bins, handling units and
    /// (unless <see cref="SapEwmOptions.SkuIncludesBatch"/>) batches. The rows are read sorted by product and batch, so
    /// one product's rows arrive together and each level is yielded as soon as its last row was read: memory holds
    /// one page, never the whole warehouse. A requested SKU without stock is reported with zero.
    /// </summary>
    /// <param name="skus">The SKUs to read, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The stock levels: <see cref="StockLevel.Reserved"/> is what open stock-removal warehouse tasks hold (with
    /// <see cref="SapEwmOptions.ReservedFromWarehouseTasks"/>, else zero), and on hand is available plus reserved.
    /// </returns>
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var warehouse in Options.Warehouses)
        {
            await foreach (var level in StockOfWarehouseAsync(warehouse, skus, cancellationToken).ConfigureAwait(false))
            {
                yield return level;
            }
        }
    }

    /// <summary>The stock of one warehouse, as <see cref="GetStockLevelsAsync"/> reads it.</summary>
    internal async IAsyncEnumerable<StockLevel> StockOfWarehouseAsync(string warehouse, IReadOnlyCollection<string>? skus, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = Options;
        var service = SapServices.Stock(options);
        if (skus is null)
        {
            var reserved = await ReservedAsync(options, warehouse, null, cancellationToken).ConfigureAwait(false);
            await foreach (var level in ReadAsync(service, options, warehouse, null, null, reserved, cancellationToken).ConfigureAwait(false))
            {
                yield return level;
            }

            yield break;
        }

        foreach (var chunk in skus.Distinct(StringComparer.Ordinal).Chunk(SkusPerRequest))
        {
            var wanted = new HashSet<string>(chunk, StringComparer.Ordinal);
            var products = chunk.Select(s => ProductOf(s, options)).Distinct(StringComparer.Ordinal).ToArray();
            var reserved = await ReservedAsync(options, warehouse, products, cancellationToken).ConfigureAwait(false);
            await foreach (var level in ReadAsync(service, options, warehouse, products, wanted, reserved, cancellationToken).ConfigureAwait(false))
            {
                yield return level;
            }

            foreach (var missing in wanted)
            {
                yield return new StockLevel(missing, warehouse, 0m);
            }
        }
    }

    /// <summary>
    /// The quantities held by open stock-removal warehouse tasks of the available stock types, per SKU: EWM takes them
    /// out of the available quantity when the task is created, so they are on hand but reserved. Open tasks are few
    /// next to stock rows (they are the warehouse's current work), so they are held in memory.
    /// </summary>
    private async Task<Dictionary<string, decimal>?> ReservedAsync(SapEwmOptions options, string warehouse, string[]? products, CancellationToken cancellationToken)
    {
        if (!options.ReservedFromWarehouseTasks)
        {
            return null;
        }

        var reserved = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await foreach (var task in _client.QueryV4Async(SapServices.WarehouseTasks(options), WarehouseTaskQuery(options, warehouse, products), SapJsonContext.Default.ODataV4PageWarehouseTaskRead, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(task.Product) || task.TargetQuantityInBaseUnit is not > 0m)
            {
                continue;
            }

            var sku = SkuOf(task.Product, task.Batch ?? string.Empty, options);
            reserved[sku] = reserved.GetValueOrDefault(sku) + task.TargetQuantityInBaseUnit.Value;
        }

        return reserved;
    }

    internal static string WarehouseTaskQuery(SapEwmOptions options, string warehouse, string[]? products)
    {
        // Status '' is open (C confirmed, A cancelled); process category 2 is stock removal (picking for deliveries).
        var filter = new StringBuilder();
        filter.Append("EWMWarehouse eq ").Append(ODataLiteral.String(warehouse));
        filter.Append(" and WarehouseTaskStatus eq '' and WarehouseProcessCategory eq '2'");
        filter.Append(" and (").AppendJoin(" or ", options.EffectiveStockTypes.Select(t => "EWMStockType eq " + ODataLiteral.String(t))).Append(')');
        if (products is { Length: > 0 })
        {
            filter.Append(" and (").AppendJoin(" or ", products.Select(p => "Product eq " + ODataLiteral.String(p))).Append(')');
        }

        return SapServices.WarehouseTaskSet
            + "?$select=WarehouseTask,Product,Batch,EWMStockType,TargetQuantityInBaseUnit"
            + "&$filter=" + ODataLiteral.Escape(filter.ToString());
    }

    private async IAsyncEnumerable<StockLevel> ReadAsync(
        ODataService service, SapEwmOptions options, string warehouse, string[]? products, HashSet<string>? wanted, Dictionary<string, decimal>? reserved, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = StockQuery(options, warehouse, products);
        string? currentProduct = null;
        string? currentBatch = null;
        string? currentSku = null;
        var sum = 0m;
        long rows = 0;
        await foreach (var row in _client.QueryV4Async(service, query, SapJsonContext.Default.ODataV4PageAvailableStockRow, cancellationToken).ConfigureAwait(false))
        {
            rows++;
            var product = row.Product;
            if (string.IsNullOrEmpty(product))
            {
                throw new ConnectorRequestFailedException(PlatformName, $"{SapServices.StockSet} of warehouse {warehouse} answered a row without Product", 200, "invalid_response", isTransient: false);
            }

            var batch = row.Batch ?? string.Empty;
            if (currentProduct is not null)
            {
                var order = string.CompareOrdinal(product, currentProduct);
                if (order < 0 || (order == 0 && options.SkuIncludesBatch && string.CompareOrdinal(batch, currentBatch) < 0))
                {
                    // Aggregation needs one product's rows together; a server that ignores $orderby would split a product in two levels.
                    throw new ConnectorRequestFailedException(
                        PlatformName,
                        $"{SapServices.StockSet} of warehouse {warehouse} answered rows out of the requested order (Product '{product}' after '{currentProduct}'); stock cannot be summed per product",
                        200,
                        "unordered_response",
                        isTransient: false);
                }
            }

            var sku = SkuOf(product, batch, options);
            if (currentSku is not null && !string.Equals(sku, currentSku, StringComparison.Ordinal))
            {
                if (Emit(currentSku, warehouse, sum, wanted, reserved) is { } level)
                {
                    yield return level;
                }

                sum = 0m;
            }

            currentProduct = product;
            currentBatch = batch;
            currentSku = sku;
            sum += row.AvailableEWMStockQty ?? 0m;
        }

        if (currentSku is not null && Emit(currentSku, warehouse, sum, wanted, reserved) is { } last)
        {
            yield return last;
        }

        // SKUs whose every unit is held by open tasks have no available row; they are on hand and wholly reserved.
        foreach (var (sku, held) in reserved ?? [])
        {
            if (Emit(sku, warehouse, 0m, wanted, reserved: null, held) is { } level)
            {
                yield return level;
            }
        }

        _metrics.StockRows.Add(rows);
    }

    private static StockLevel? Emit(string sku, string warehouse, decimal sum, HashSet<string>? wanted, Dictionary<string, decimal>? reserved, decimal held = 0m)
    {
        if (reserved is not null && reserved.Remove(sku, out var tasks))
        {
            held = tasks;
        }

        if (wanted is not null && !wanted.Remove(sku))
        {
            return null; // another batch of a wanted product, or a product that only shares the filter
        }

        var available = Math.Max(0m, sum);
        return new StockLevel(sku, warehouse, available + held, held);
    }

    internal static string StockQuery(SapEwmOptions options, string warehouse, string[]? products)
    {
        var filter = new StringBuilder();
        filter.Append("EWMWarehouse eq ").Append(ODataLiteral.String(warehouse));
        filter.Append(" and (").AppendJoin(" or ", options.EffectiveStockTypes.Select(t => "EWMStockType eq " + ODataLiteral.String(t))).Append(')');
        if (products is { Length: > 0 })
        {
            filter.Append(" and (").AppendJoin(" or ", products.Select(p => "Product eq " + ODataLiteral.String(p))).Append(')');
        }

        return SapServices.StockSet
            + "?$select=EWMWarehouse,Product,Batch,EWMStockType,AvailableEWMStockQty,EWMStockQuantityBaseUnit"
            + "&$filter=" + ODataLiteral.Escape(filter.ToString())
            + "&$orderby=" + ODataLiteral.Escape("Product,Batch");
    }

    private static string SkuOf(string product, string batch, SapEwmOptions options) =>
        options.SkuIncludesBatch && batch.Length > 0 ? product + options.BatchSeparator + batch : product;

    private static string ProductOf(string sku, SapEwmOptions options)
    {
        if (!options.SkuIncludesBatch)
        {
            return sku;
        }

        var at = sku.IndexOf(options.BatchSeparator, StringComparison.Ordinal);
        return at < 0 ? sku : sku[..at];
    }
}
