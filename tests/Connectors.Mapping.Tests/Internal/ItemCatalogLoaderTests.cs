using Connectors.Mapping.Catalog;
using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

public class ItemCatalogLoaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AutoMatch(ChannelMappingProfile p)
    {
        p.AutoMatch.Enabled = true;
        p.AutoMatch.StripPrefixes.Add("WOO-");
        p.Items.Add(new ItemMapping { ChannelItemId = "explicit", Sku = "EXPLICIT-1" });
    }

    private static async IAsyncEnumerable<ChannelItem> Items(params ChannelItem[] items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    [Fact]
    public async Task MatchAsync_NormalisedSkus_MatchWmsSkus()
    {
        var store = Store(AutoMatch);
        var loader = Loader(store);

        var result = await loader.MatchAsync(
            Channel,
            Items(new ChannelItem { ChannelItemId = "1", Sku = " woo-abc 123 " }, new ChannelItem
            {
                ChannelItemId = "2",
                Sku = "DEF-9",
            }, new ChannelItem
            {
                ChannelItemId = "explicit",
                Sku = "whatever",
            }),
            ["ABC123", "def-9"],
            Ct);

        Assert.Equal([("1", "ABC123"), ("2", "def-9")], result.Matched.Select(d => (d.ChannelItemId, d.Components[0].Sku)));
        Assert.Equal(1, result.ExplicitCount);
        Assert.True(result.IsComplete);
        var resolver = new ProfileItemResolver(store);
        Assert.Equal("ABC123", (await resolver.FindByChannelItemAsync(Channel, "1", Ct))!.Components[0].Sku);
        Assert.Equal("EXPLICIT-1", (await resolver.FindByChannelItemAsync(Channel, "explicit", Ct))!.Components[0].Sku);
    }

    [Fact]
    public async Task MatchAsync_TwoItemsClaimOneSku_ReportedAndNeitherMapped()
    {
        var store = Store(AutoMatch);

        var result = await Loader(store).MatchAsync(Channel, Items(new ChannelItem
        {
            ChannelItemId = "1",
            Sku = "abc",
        }, new ChannelItem
        {
            ChannelItemId = "2",
            Sku = "WOO-ABC",
        }, new ChannelItem
        {
            ChannelItemId = "3",
            Sku = "xyz",
        }), null, Ct);

        var ambiguous = Assert.Single(result.Ambiguous);
        Assert.Equal("ABC", ambiguous.Sku);
        Assert.Equal(["1", "2"], ambiguous.ChannelItemIds);
        Assert.Equal(["3"], result.Matched.Select(m => m.ChannelItemId));
        Assert.Null(await new ProfileItemResolver(store).FindByChannelItemAsync(Channel, "1", Ct));
    }

    [Fact]
    public async Task MatchAsync_NoSkuOrNotInWms_ReportedUnmatched()
    {
        var result = await Loader(Store(AutoMatch)).MatchAsync(Channel, Items(new ChannelItem
        {
            ChannelItemId = "1",
            Sku = null,
        }, new ChannelItem
        {
            ChannelItemId = "2",
            Sku = "GHOST",
        }), ["ABC"], Ct);

        Assert.Equal(["1", "2"], result.Unmatched.Select(u => u.ChannelItemId));
        Assert.False(result.IsComplete);
    }

    [Fact]
    public async Task MatchAsync_AutoMatchOff_EverythingUnexplainedIsUnmatched()
    {
        var result = await Loader(Store(_ => { })).MatchAsync(Channel, Items(new ChannelItem
        {
            ChannelItemId = "1",
            Sku = "ABC",
        }), null, Ct);

        Assert.Empty(result.Matched);
        Assert.Contains("auto-matching is off", Assert.Single(result.Unmatched).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchAsync_WmsSkuAlreadyMappedExplicitly_NotMatchedAgain()
    {
        var result = await Loader(Store(AutoMatch)).MatchAsync(Channel, Items(new ChannelItem
        {
            ChannelItemId = "9",
            Sku = "explicit-1",
        }), ["EXPLICIT-1"], Ct);

        Assert.Empty(result.Matched);
        Assert.Equal(["9"], Assert.Single(result.Ambiguous).ChannelItemIds);
    }

    [Fact]
    public async Task MatchAsync_VariantRules_MatchByParentAndAttributes()
    {
        var store = Store(p =>
        {
            var black = new VariantMapping { ParentId = "22", Sku = "TEE-BLK-M" };
            black.Attributes["Color"] = "Black";
            black.Attributes["size"] = "M";
            p.Variants.Add(black);
            var pack = new VariantMapping { ParentId = "22", Sku = "TEE-BLK-M", QuantityPerUnit = 3m };
            pack.Attributes["color"] = "black";
            pack.Attributes["size"] = "M";
            pack.Attributes["pack"] = "3";
            p.Variants.Add(pack);
        });
        var items = Items(
            new ChannelItem
            {
                ChannelItemId = "23",
                Sku = "x",
                ParentId = "22",
                Attributes = new Dictionary<string, string> { ["pa_color"] = "black", ["size"] = "m" },
            },
            new ChannelItem
            {
                ChannelItemId = "24",
                Sku = "y",
                ParentId = "22",
                Attributes = new Dictionary<string, string> { ["pa_color"] = "blue", ["size"] = "M" },
            },
            new ChannelItem
            {
                ChannelItemId = "25",
                Sku = "z",
                ParentId = "99",
                Attributes = new Dictionary<string, string> { ["pa_color"] = "black", ["size"] = "M" },
            });

        var result = await Loader(store).MatchAsync(Channel, items, null, Ct);

        Assert.Equal([("23", "TEE-BLK-M", 1m)], result.Matched.Select(m => (m.ChannelItemId, m.Components[0].Sku, m.Components[0].QuantityPerUnit)));
        Assert.Equal(["24", "25"], result.Unmatched.Select(u => u.ChannelItemId));
    }

    [Fact]
    public async Task MatchAsync_Reload_ReplacesPreviousCatalogue()
    {
        var store = Store(AutoMatch);
        var loader = Loader(store);
        await loader.MatchAsync(Channel, Items(new ChannelItem { ChannelItemId = "1", Sku = "ABC" }), null, Ct);

        await loader.MatchAsync(Channel, Items(new ChannelItem { ChannelItemId = "2", Sku = "DEF" }), null, Ct);

        var resolver = new ProfileItemResolver(store);
        Assert.Null(await resolver.FindByChannelItemAsync(Channel, "1", Ct));
        Assert.NotNull(await resolver.FindByChannelItemAsync(Channel, "2", Ct));
    }

    [Fact]
    public async Task LoadAsync_ThroughRegistry_ListsTheChannelsCatalogueAndWmsSkus()
    {
        var channel = new FakeChannel(Channel);
        channel.AddItem(new ChannelItem { ChannelItemId = "1", Sku = "woo-abc" });
        channel.AddItem(new ChannelItem { ChannelItemId = "2", Sku = "nope" });
        var warehouse = new FakeWarehouse();
        warehouse.SetStock(new StockLevel("ABC", "main", 5m));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IWarehouseInventory>(warehouse);
        services.AddConnectors()
            .AddChannel(Channel, "fake", _ => channel)
            .AddMapping(o =>
            {
                var profile = new ChannelMappingProfile();
                AutoMatch(profile);
                o.Channels[Channel] = profile;
            });
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IItemCatalogLoader>().LoadAsync(Channel, Ct);

        Assert.Equal(["1"], result.Matched.Select(m => m.ChannelItemId));
        Assert.Equal(["2"], result.Unmatched.Select(m => m.ChannelItemId));
        var resolved = await provider.GetRequiredService<IItemResolver>().FindByChannelItemAsync(Channel, "1", Ct);
        Assert.Equal("ABC", resolved!.Components[0].Sku);
    }
}
