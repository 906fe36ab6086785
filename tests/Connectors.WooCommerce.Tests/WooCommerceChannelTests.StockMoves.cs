using Connectors.Testing;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// Issue 18 items 1-2 reproduced on the emulator, at the channel: the shop moves stock itself after the engine pushed
/// the WMS's level. Skipped until the engine models per-channel stock moves (docs/platforms/woocommerce.md, Known
/// limits); each step mirrors what the engine does today, so un-skipping shows the double count.
/// </summary>
public sealed partial class WooCommerceChannelTests
{
    private const string NeedsStockMoveModel = "Needs the engine's per-channel stock-move model (issue 18 items 1-3; design in docs/platforms/woocommerce.md, Known limits). Fails today: the shop counts the move twice.";

    [Fact(Skip = NeedsStockMoveModel)]
    public async Task StockMoves_RestockingReturnRefundAfterThePush_ShopEqualsTheWms()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 84);
        var order = shop.AddOrder("completed", [new(p, 1, 10m)]); // the shop takes its unit: 83
        var line = shop.GetLineItemIds(order)[0];
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        const int Wms = 84; // the WMS received the return and counts the unit again

        await channel.PushInventoryAsync([new($"{p}", "default", Wms)], ct); // the engine pushes the WMS level
        await channel.ConfirmReturnAsync(new ReturnConfirmation($"{order}", [new ReturnLine($"{line}", 1)], restock: true, refund: true, "RCPT-1"), ct);

        Assert.Equal(Wms, shop.GetStock(p)); // today 85: "stock increased from 84 to 85"
    }

    [Fact(Skip = NeedsStockMoveModel)]
    public async Task StockMoves_UnpaidOrderPaidAfterThePush_ShopEqualsTheWms()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 68);
        var order = shop.AddOrder("pending", [new(p, 1, 10m)], paid: false); // the shop holds nothing yet
        await using var sp = Connect(shop);
        const int Wms = 67; // the oversell window (or the WMS) already subtracts the held unit

        await sp.Channel_().PushInventoryAsync([new($"{p}", "default", Wms)], ct);
        shop.SetOrderStatus(order, "processing"); // paid later: WooCommerce reduces now

        Assert.Equal(Wms, shop.GetStock(p)); // today 66
    }
}
