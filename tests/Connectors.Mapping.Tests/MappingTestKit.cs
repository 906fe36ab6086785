using Connectors.Mapping.Hooks;
using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Tests;

/// <summary>Builds compiled profiles, mappers and orders for the tests.</summary>
internal static class MappingTestKit
{
    public const string Channel = "store-a";

    public static MappingProfileStore Store(Action<ChannelMappingProfile> configure, bool identityForOthers = false)
    {
        var options = new MappingOptions { IdentityForUnprofiledChannels = identityForOthers };
        var profile = new ChannelMappingProfile();
        configure(profile);
        options.Channels[Channel] = profile;
        return new MappingProfileStore(Options.Create(options), new MappingConfigurationRoot("Mapping"));
    }

    public static ProfileOrderMapper Mapper(MappingProfileStore store, params IOrderMappingHook[] hooks) => new(store, hooks);

    public static ProfileOrderMapper Mapper(Action<ChannelMappingProfile> configure) => Mapper(Store(configure));

    public static ItemCatalogLoader Loader(MappingProfileStore store) =>
        new(store, new ServiceCollection().BuildServiceProvider(), NullLogger<ItemCatalogLoader>.Instance);

    /// <summary>A profile with a plain item, a case of 12, a 0.5 kg bag, a bundle and a case of 6 bundles.</summary>
    public static void Catalogue(ChannelMappingProfile profile)
    {
        profile.Items.Add(new ItemMapping { ChannelItemId = "plain", Sku = "P1" });
        profile.Items.Add(new ItemMapping { ChannelItemId = "case12", Sku = "CAN", QuantityPerUnit = 12m });
        profile.Items.Add(new ItemMapping { ChannelItemId = "bag500", Sku = "COFFEE-KG", QuantityPerUnit = 0.5m });
        profile.Items.Add(new ItemMapping { ChannelItemId = "half-case", Sku = "BOTTLE", QuantityPerUnit = 0.5m });
        profile.FractionalSkus.Add("COFFEE-KG");
        var gift = new BundleMapping { ChannelItemId = "gift" };
        gift.Components.Add(new ComponentMapping { Sku = "MUG", QuantityPerUnit = 2m });
        gift.Components.Add(new ComponentMapping { Sku = "TEA", QuantityPerUnit = 1m });
        profile.Bundles.Add(gift);
        var giftCase = new BundleMapping { ChannelItemId = "gift-case6", PackSize = 6m };
        giftCase.Components.Add(new ComponentMapping { Sku = "MUG", QuantityPerUnit = 2m });
        giftCase.Components.Add(new ComponentMapping { Sku = "TEA", QuantityPerUnit = 1m });
        profile.Bundles.Add(giftCase);
    }

    public static ChannelOrder Order(
        IReadOnlyList<(string ItemId, int Quantity)> lines,
        PaymentStatus payment = PaymentStatus.Paid,
        Address? shipTo = null,
        string? shippingMethod = "standard",
        string? note = null,
        IReadOnlyList<string>? tags = null,
        IReadOnlyDictionary<string, string>? attributes = null,
        IReadOnlyDictionary<string, string>? lineProperties = null,
        ChannelOrderStatus status = ChannelOrderStatus.Open,
        string channel = Channel)
    {
        var orderLines = lines
            .Select((l, i) => new ChannelOrderLine($"L{i + 1}", l.ItemId, l.Quantity, new Money(12m, "EUR"), l.ItemId, properties: lineProperties))
            .ToArray();
        return new ChannelOrder(
            channel,
            "1001",
            "EUR",
            orderLines,
            Testing.ModelFactory.Epoch,
            Testing.ModelFactory.Epoch.AddMinutes(5),
            orderNumber: "#1001",
            status: status,
            paymentStatus: payment,
            shippingAddress: shipTo ?? new Address
            {
                Name = "Ada Lovelace",
                Line1 = "1 Analytical Way",
                City = "London",
                PostalCode = "N1 1AA",
                Country = "United Kingdom",
                Phone = "020 7946 0000",
            },
            email: "ada@example.com",
            shippingMethod: shippingMethod,
            note: note,
            tags: tags,
            attributes: attributes);
    }
}
