using Connectors.Mapping.Internal;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

public class ProfileItemResolverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FindBySku_ReturnsEveryItemHoldingTheSku()
    {
        var resolver = new ProfileItemResolver(Store(Catalogue));

        var items = await resolver.FindBySkuAsync(Channel, "MUG", Ct);

        Assert.Equal(["gift", "gift-case6"], items.Select(i => i.ChannelItemId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindByChannelItem_CasePack_HasUnitsPerSellingUnit()
    {
        var resolver = new ProfileItemResolver(Store(Catalogue));

        var item = await resolver.FindByChannelItemAsync(Channel, "case12", Ct);

        Assert.Equal(("CAN", 12m), (item!.Components[0].Sku, item.Components[0].QuantityPerUnit));
        Assert.False(item.IsSimple);
    }

    [Fact]
    public async Task FindByChannelItem_UnknownItemOrChannel_IsNull()
    {
        var resolver = new ProfileItemResolver(Store(Catalogue));

        Assert.Null(await resolver.FindByChannelItemAsync(Channel, "ghost", Ct));
        Assert.Null(await resolver.FindByChannelItemAsync("store-b", "plain", Ct));
        Assert.Empty(await resolver.FindBySkuAsync("store-b", "P1", Ct));
    }

    [Fact]
    public async Task List_ReturnsEveryMappedItem()
    {
        var resolver = new ProfileItemResolver(Store(Catalogue));

        var items = await resolver.ListAsync(Channel, Ct).ToListAsync(Ct);

        Assert.Equal(6, items.Count);
    }

    [Fact]
    public async Task FindBySku_UnprofiledChannelWithIdentity_IsTheSkuOneForOne()
    {
        var resolver = new ProfileItemResolver(Store(Catalogue, identityForOthers: true));

        var items = await resolver.FindBySkuAsync("store-b", "X1", Ct);
        var item = await resolver.FindByChannelItemAsync("store-b", "X1", Ct);

        Assert.Equal(("X1", "X1", 1m), (Assert.Single(items).ChannelItemId, item!.Components[0].Sku, item.Components[0].QuantityPerUnit));
    }
}
