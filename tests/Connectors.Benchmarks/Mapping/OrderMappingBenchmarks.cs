using BenchmarkDotNet.Attributes;
using Connectors;
using Connectors.Mapping;
using Connectors.Mapping.Profiles;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks.Mapping;

/// <summary>
/// Maps one 10-line order (plain items, case packs, a weight unit, a bundle and a bundle in a case pack) through a
/// realistic profile (address normalisation, carrier map, release, priority, picking instructions, four custom-field
/// rules), against a hand-written C# mapping of the same order with the same output as the baseline.
/// Run: dotnet run -c Release --project tests/Connectors.Benchmarks -- --filter '*OrderMappingBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class OrderMappingBenchmarks
{
    private const string Channel = "store-a";
    private ServiceProvider _provider = null!;
    private IOrderMapper _mapper = null!;
    private HandWrittenMapper _handWritten = null!;
    private ChannelOrder _order = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel(Channel, "fake", _ => new Connectors.Testing.FakeChannel(Channel)).AddMapping(o => o.Channels[Channel] = Profile());
        _provider = services.BuildServiceProvider();
        _mapper = _provider.GetRequiredService<IOrderMapper>();
        _handWritten = new HandWrittenMapper();
        _order = Order();

        // Both must produce the same order, or the comparison means nothing.
        var engine = _mapper.MapOrderAsync(_order).AsTask().GetAwaiter().GetResult();
        var hand = _handWritten.Map(_order);
        if (!SameOrder(engine, hand))
        {
            throw new InvalidOperationException("The engine and the hand-written mapping disagree; fix the benchmark.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true)]
    public OrderMappingResult HandWritten() => _handWritten.Map(_order);

    [Benchmark]
    public OrderMappingResult Engine()
    {
        var pending = _mapper.MapOrderAsync(_order);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    internal static ChannelMappingProfile Profile()
    {
        var p = new ChannelMappingProfile();
        for (var i = 1; i <= 6; i++)
        {
            p.Items.Add(new ItemMapping { ChannelItemId = $"v{i}", Sku = $"SKU-{i}" });
        }

        p.Items.Add(new ItemMapping { ChannelItemId = "case12", Sku = "CAN", QuantityPerUnit = 12m });
        p.Items.Add(new ItemMapping { ChannelItemId = "bag500", Sku = "COFFEE-KG", QuantityPerUnit = 0.5m });
        p.FractionalSkus.Add("COFFEE-KG");
        var gift = new BundleMapping { ChannelItemId = "gift" };
        gift.Components.Add(new ComponentMapping { Sku = "MUG", QuantityPerUnit = 2m });
        gift.Components.Add(new ComponentMapping { Sku = "TEA", QuantityPerUnit = 1m });
        p.Bundles.Add(gift);
        var giftCase = new BundleMapping { ChannelItemId = "gift-case6", PackSize = 6m };
        giftCase.Components.Add(new ComponentMapping { Sku = "MUG", QuantityPerUnit = 2m });
        giftCase.Components.Add(new ComponentMapping { Sku = "TEA", QuantityPerUnit = 1m });
        p.Bundles.Add(giftCase);
        p.Carriers.Map["standard"] = "UPS-GROUND";
        p.Carriers.Map["express"] = "UPS-NEXT-DAY";
        p.Carriers.Fallback = "UPS-GROUND";
        p.PickingInstructions.GiftWrapKeys.Add("gift_wrap");
        p.PickingInstructions.Attributes["gift_message"] = "Gift message";
        p.Priority.Rules.Add(new PriorityRule { Tag = "vip", Priority = 10 });
        p.Priority.Rules.Add(new PriorityRule { ShippingMethod = "express", Priority = 20 });
        p.Address.Company = CompanyMode.JoinIntoName;
        p.Address.MaxLengths["Name"] = 35;
        p.Address.MaxLengths["Line1"] = 35;
        p.Address.MaxLengths["City"] = 30;
        p.CustomFields.Add(new CustomFieldRule { Target = "OrderNumber", Kind = CustomFieldKind.Copy, Source = "OrderNumber" });
        p.CustomFields.Add(new CustomFieldRule { Target = "SalesChannel", Kind = CustomFieldKind.Constant, Value = "Webshop" });
        var terms = new CustomFieldRule { Target = "PaymentTerms", Kind = CustomFieldKind.Lookup, Source = "PaymentStatus", Default = "REVIEW" };
        terms.Table["Paid"] = "PREPAID";
        p.CustomFields.Add(terms);
        p.CustomFields.Add(new CustomFieldRule { Target = "Reference", Kind = CustomFieldKind.Template, Value = "WEB-{OrderNumber}-{ShipTo.CountryCode}" });
        return p;
    }

    internal static ChannelOrder Order()
    {
        string[] items = ["v1", "v2", "v3", "v4", "v5", "v6", "case12", "bag500", "gift", "gift-case6"];
        var lines = items.Select((item, i) => new ChannelOrderLine($"{1000 + i}", item, (i % 3) + 1, new Money(9.99m, "USD"), item)).ToArray();
        return new ChannelOrder(
            Channel,
            "5001",
            "USD",
            lines,
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero),
            orderNumber: "#5001",
            paymentStatus: PaymentStatus.Paid,
            shippingAddress: new Address
            {
                Name = "Grace Hopper",
                Company = "Navy Labs",
                Line1 = "1 Compiler Way",
                City = "Arlington",
                Province = "Virginia",
                PostalCode = "22201",
                Country = "United States",
                Phone = "(703) 555-0100",
            },
            email: "grace@example.com",
            shippingMethod: "express",
            note: "Ring twice",
            tags: ["vip"],
            attributes: new Dictionary<string, string> { ["gift_wrap"] = "yes", ["gift_message"] = "Well done" });
    }

    private static bool SameOrder(OrderMappingResult a, OrderMappingResult b) =>
        a.Release == b.Release
        && a.Order.ShipTo == b.Order.ShipTo
        && a.Order.CarrierService == b.Order.CarrierService
        && a.Order.Priority == b.Order.Priority
        && a.Order.PickingInstructions.SequenceEqual(b.Order.PickingInstructions)
        && a.Order.Attributes.Count == b.Order.Attributes.Count
        && a.Order.Attributes.All(kv => b.Order.Attributes.TryGetValue(kv.Key, out var v) && v == kv.Value)
        && a.Order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity, l.ChannelLineId, l.UnitPrice))
            .SequenceEqual(b.Order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity, l.ChannelLineId, l.UnitPrice)));
}
