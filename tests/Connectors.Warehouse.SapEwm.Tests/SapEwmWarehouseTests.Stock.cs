using Connectors.Testing;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed partial class SapEwmWarehouseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetStockLevelsAsync_RowsOverBinsHandlingUnitsAndBatches_SumsAvailableStockTypesPerProduct()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e =>
        {
            e.AddStock("1710", "TG11", 5, "F2", storageBin: "0010-01-01");
            e.AddStock("1710", "TG11", 7, "F2", storageBin: "0010-01-02", handlingUnit: "1000000001");
            e.AddStock("1710", "TG11", 2, "F1", batch: "B1");
            e.AddStock("1710", "TG11", 100, "Q2");
            e.AddStock("1710", "TG11", 50, "B2");
            e.AddStock("1710", "TG12", 3, "F2");
            e.AddStock("1720", "TG12", 9, "F2");
        });

        var levels = await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2, levels.Count);
        Assert.Equal(14m, levels.Single(l => l.Sku == "TG11").OnHand);
        Assert.Equal(3m, levels.Single(l => l.Sku == "TG12").OnHand);
        Assert.All(levels, l => Assert.Equal("1710", l.LocationId));
    }

    [Fact]
    public async Task GetStockLevelsAsync_QualityStockConfiguredAvailable_CountsIt()
    {
        await using var host = await SapTestHost.StartAsync(
            o => { o.AvailableStockTypes.Add("F2"); o.AvailableStockTypes.Add("Q2"); },
            e => { e.AddStock("1710", "TG11", 5, "F2"); e.AddStock("1710", "TG11", 4, "Q2"); e.AddStock("1710", "TG11", 2, "F1"); });

        var level = Assert.Single(await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(9m, level.OnHand);
    }

    [Fact]
    public async Task GetStockLevelsAsync_SkuIncludesBatch_ReportsEachBatch()
    {
        await using var host = await SapTestHost.StartAsync(
            o => o.SkuIncludesBatch = true,
            e => { e.AddStock("1710", "TG11", 5, batch: "B1"); e.AddStock("1710", "TG11", 6, batch: "B1", storageBin: "0020-01-01"); e.AddStock("1710", "TG11", 2, batch: "B2"); });

        var levels = await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal([("TG11/B1", 11m), ("TG11/B2", 2m)], levels.Select(l => (l.Sku, l.OnHand)));
    }

    [Fact]
    public async Task GetStockLevelsAsync_GivenSkus_ReadsThoseAndReportsMissingAsZero()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { e.AddStock("1710", "TG11", 5); e.AddStock("1710", "TG12", 6); e.AddStock("1710", "O'NEIL", 1); });

        var levels = await host.Warehouse_.GetStockLevelsAsync(["TG12", "NONE", "O'NEIL"], Ct).ToListAsync(Ct);

        Assert.Equal([("NONE", 0m), ("O'NEIL", 1m), ("TG12", 6m)], levels.Select(l => (l.Sku, l.OnHand)).OrderBy(x => x.Sku, StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetStockLevelsAsync_HundredThousandRows_StreamsPageByPage()
    {
        const int products = 20_000;
        const int binsPerProduct = 5;
        await using var host = await SapTestHost.StartAsync(o => o.PageSize = 5000, e =>
        {
            e.MaxPageSize = 10_000;
            for (var p = 0; p < products; p++)
            {
                for (var b = 0; b < binsPerProduct; b++)
                {
                    e.AddStock("1710", $"P{p:D6}", b + 1, storageBin: $"BIN-{b}");
                }
            }
        });

        var count = 0;
        var total = 0m;
        var pagesWhenFirstArrived = -1;
        var pagesAtHalf = -1;
        await foreach (var level in host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct))
        {
            if (count == 0)
            {
                pagesWhenFirstArrived = host.Emulator.PagesServed("WarehouseAvailableStock");
            }

            if (count == products / 2)
            {
                pagesAtHalf = host.Emulator.PagesServed("WarehouseAvailableStock");
            }

            Assert.Equal(15m, level.OnHand); // 1+2+3+4+5 over the five bins: no product split across a page boundary
            count++;
            total += level.OnHand;
        }

        var pages = host.Emulator.PagesServed("WarehouseAvailableStock");
        Assert.Equal(products, count);
        Assert.Equal(products * 15m, total);
        Assert.Equal(20, pages); // 100,000 rows at the asked 5,000 per page
        Assert.Equal(1, pagesWhenFirstArrived); // the first level came out of the first page
        Assert.InRange(pagesAtHalf, 10, 11); // half-way through, only the pages up to there were fetched
    }
}
