namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The generated catalogue: WMS SKUs with stock over two locations, plus the channel-side selling units —
/// every SKU sold as a single unit, some also as a case of 6, and some bundles of 2-3 SKUs.
/// </summary>
internal sealed class DemoCatalog
{
    /// <summary>The main WMS location.</summary>
    public const string MainLocation = "WH1";

    /// <summary>The overflow WMS location.</summary>
    public const string OverflowLocation = "WH2";

    /// <summary>Units per case of a case pack.</summary>
    public const int CaseSize = 6;

    /// <summary>The currency of the WMS's price book.</summary>
    public const string Currency = "EUR";

    private DemoCatalog(IReadOnlyList<string> skus, IReadOnlyList<StockLevel> stock, IReadOnlyList<string> casePackSkus, IReadOnlyList<IReadOnlyList<string>> bundles, IReadOnlyList<BasePrice> prices)
    {
        BasePrices = prices;
        Skus = skus;
        Stock = stock;
        CasePackSkus = casePackSkus;
        Bundles = bundles;
    }

    /// <summary>The WMS SKUs.</summary>
    public IReadOnlyList<string> Skus { get; }

    /// <summary>The WMS's price book: one base price and cost per SKU, in <see cref="Currency"/>.</summary>
    public IReadOnlyList<BasePrice> BasePrices { get; }

    /// <summary>The initial stock, two locations per SKU.</summary>
    public IReadOnlyList<StockLevel> Stock { get; }

    /// <summary>SKUs also sold as a case of <see cref="CaseSize"/>.</summary>
    public IReadOnlyList<string> CasePackSkus { get; }

    /// <summary>Bundles: the component SKUs (one unit each) of each.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Bundles { get; }

    /// <summary>Channel SKU of a case pack.</summary>
    public static string CaseSku(string sku) => "CASE6-" + sku;

    /// <summary>Channel SKU of a bundle.</summary>
    public static string BundleSku(int index) => "BUNDLE-" + index.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Generates a catalogue of <paramref name="count"/> SKUs: 1 in 25 also sold as a case, one bundle per 50 SKUs (at least one).</summary>
    public static DemoCatalog Generate(int count, int seed)
    {
        var random = new Random(seed);
        var skus = Enumerable.Range(1, count).Select(i => "SKU-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var stock = new List<StockLevel>(count * 2);
        foreach (var sku in skus)
        {
            // Most SKUs are well stocked at the main location; one in ten is out of stock there.
            var main = random.Next(10) == 0 ? 0 : random.Next(20, 120);
            stock.Add(new StockLevel(sku, MainLocation, main));
            stock.Add(new StockLevel(sku, OverflowLocation, random.Next(0, 40)));
        }

        var casePacks = skus.Where((_, i) => i % 25 == 3).ToList();
        var bundles = new List<IReadOnlyList<string>>();
        for (var b = 0; b < Math.Max(1, count / 50); b++)
        {
            var size = 2 + random.Next(2);
            bundles.Add([.. Enumerable.Range(0, size).Select(_ => skus[random.Next(skus.Count)]).Distinct(StringComparer.Ordinal)]);
        }

        // A separate generator, so the stock and bundles stay what they were for a given seed.
        var pricing = new Random(seed + 1);
        var prices = skus.Select(sku =>
        {
            var price = 2m + pricing.Next(0, 4000) / 100m;
            return new BasePrice { Sku = sku, Price = new Money(price, Currency), Cost = new Money(decimal.Round(price * 0.6m, 2), Currency) };
        }).ToList();
        return new DemoCatalog(skus, stock, casePacks, bundles, prices);
    }
}
