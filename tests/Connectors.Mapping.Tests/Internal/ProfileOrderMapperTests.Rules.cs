using Connectors.Mapping.Hooks;
using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

public partial class ProfileOrderMapperTests
{
    [Theory]
    [InlineData(PaymentStatus.Paid, ReleaseDecision.Release)]
    [InlineData(PaymentStatus.Authorized, ReleaseDecision.Release)]
    [InlineData(PaymentStatus.Pending, ReleaseDecision.Hold)]
    [InlineData(PaymentStatus.Unknown, ReleaseDecision.Hold)]
    [InlineData(PaymentStatus.Failed, ReleaseDecision.Reject)]
    [InlineData(PaymentStatus.Voided, ReleaseDecision.Reject)]
    public async Task MapOrder_DefaultReleaseRules_DecideByPaymentStatus(PaymentStatus payment, ReleaseDecision expected)
    {
        var mapper = Mapper(Catalogue);

        var result = await mapper.MapOrderAsync(Order([("plain", 1)], payment), Ct);

        Assert.Equal(expected, result.Release);
        Assert.Equal(expected == ReleaseDecision.Release, result.Reason is null);
    }

    [Fact]
    public async Task MapOrder_ReleaseOverride_ReleasesPendingForThisChannel()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Release.PaymentStatus["pending"] = ReleaseDecision.Release;
            p.Release.PaymentStatus["Authorized"] = ReleaseDecision.Hold;
        });

        var pending = await mapper.MapOrderAsync(Order([("plain", 1)], PaymentStatus.Pending), Ct);
        var authorised = await mapper.MapOrderAsync(Order([("plain", 1)], PaymentStatus.Authorized), Ct);

        Assert.Equal(ReleaseDecision.Release, pending.Release);
        Assert.Equal(ReleaseDecision.Hold, authorised.Release);
    }

    [Fact]
    public async Task MapOrder_HoldTagOnPaidOrder_Holds()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Release.HoldTags.Add("fraud-review");
        });

        var result = await mapper.MapOrderAsync(Order([("plain", 1)], tags: ["FRAUD-REVIEW"]), Ct);

        Assert.Equal(ReleaseDecision.Hold, result.Release);
        Assert.Contains("fraud-review", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MapOrder_CancelledOrder_Rejects()
    {
        var mapper = Mapper(Catalogue);

        var result = await mapper.MapOrderAsync(Order([("plain", 1)], status: ChannelOrderStatus.Cancelled), Ct);

        Assert.Equal(ReleaseDecision.Reject, result.Release);
    }

    [Theory]
    [InlineData("Express", "DHL-EXPRESS", false)]
    [InlineData("standard", "UPS-STANDARD", false)]
    [InlineData("pigeon", "POST-PARCEL", true)]
    public async Task MapOrder_ShippingMethod_MapsToCarrierServiceWithFallback(string method, string expected, bool warned)
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Carriers.Map["express"] = "DHL-EXPRESS";
            p.Carriers.Map["Standard"] = "UPS-STANDARD";
            p.Carriers.Fallback = "POST-PARCEL";
        });

        var result = await mapper.MapOrderAsync(Order([("plain", 1)], shippingMethod: method), Ct);

        Assert.Equal(expected, result.Order.CarrierService);
        Assert.Equal(warned, result.Warnings?.Any(w => w.Contains("fallback", StringComparison.Ordinal)) == true);
    }

    [Fact]
    public async Task MapOrder_UnmappedMethodWithRequireMatch_ThrowsCarriersError()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Carriers.Map["express"] = "DHL-EXPRESS";
            p.Carriers.RequireMatch = true;
        });

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(Order([("plain", 1)], shippingMethod: "pigeon"), Ct));

        Assert.Equal(("Carriers", "ShippingMethod"), (error.Rule, error.FieldPath));
    }

    [Fact]
    public async Task MapOrder_NoteGiftWrapAttributesAndLineProperties_BecomePickingInstructions()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.PickingInstructions.GiftWrapKeys.Add("gift_wrap");
            p.PickingInstructions.Attributes["gift_message"] = "Gift message";
            p.PickingInstructions.LineProperties.Add("engraving");
        });
        var order = Order(
            [("plain", 1)],
            note: "  Leave at the back door ",
            attributes: new Dictionary<string, string> { ["Gift_Wrap"] = "yes", ["gift_message"] = "Happy birthday" },
            lineProperties: new Dictionary<string, string> { ["engraving"] = "A.L." });

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.Equal(["Leave at the back door", "GIFT WRAP", "Gift message: Happy birthday", "Line L1: engraving: A.L."], result.Order.PickingInstructions);
    }

    [Fact]
    public async Task MapOrder_GiftWrapNo_AddsNoGiftWrapInstruction()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.PickingInstructions.GiftWrapKeys.Add("gift_wrap");
            p.PickingInstructions.IncludeNote = false;
        });

        var result = await mapper.MapOrderAsync(Order([("plain", 1)], note: "hello", attributes: new Dictionary<string, string> { ["gift_wrap"] = "no" }), Ct);

        Assert.Empty(result.Order.PickingInstructions);
    }

    [Fact]
    public async Task MapOrder_PriorityRules_HighestMatchWins()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Priority.Default = 1;
            p.Priority.Rules.Add(new PriorityRule { Tag = "vip", Priority = 10 });
            p.Priority.Rules.Add(new PriorityRule { Attribute = "delivery", Value = "next-day", Priority = 30 });
            p.Priority.Rules.Add(new PriorityRule { ShippingMethod = "express", Priority = 20 });
        });

        var plain = await mapper.MapOrderAsync(Order([("plain", 1)]), Ct);
        var vip = await mapper.MapOrderAsync(Order([("plain", 1)], tags: ["VIP"]), Ct);
        var both = await mapper.MapOrderAsync(Order([("plain", 1)], shippingMethod: "express", tags: ["vip"]), Ct);
        var nextDay = await mapper.MapOrderAsync(Order([("plain", 1)], tags: ["vip"], attributes: new Dictionary<string, string> { ["delivery"] = "Next-Day" }), Ct);
        var otherDay = await mapper.MapOrderAsync(Order([("plain", 1)], attributes: new Dictionary<string, string> { ["delivery"] = "later" }), Ct);

        Assert.Equal([1, 10, 20, 30, 1], new[] { plain, vip, both, nextDay, otherDay }.Select(r => r.Order.Priority));
    }

    [Fact]
    public async Task MapOrder_CustomFieldRules_CopyConstantLookupTemplate()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.CustomFields.Add(new CustomFieldRule { Target = "Email", Kind = CustomFieldKind.Copy, Source = "Email" });
            p.CustomFields.Add(new CustomFieldRule { Target = "Source", Kind = CustomFieldKind.Constant, Value = "Webshop" });
            var terms = new CustomFieldRule { Target = "Terms", Kind = CustomFieldKind.Lookup, Source = "PaymentStatus", Default = "REVIEW" };
            terms.Table["paid"] = "PREPAID";
            p.CustomFields.Add(terms);
            p.CustomFields.Add(new CustomFieldRule { Target = "Ref", Kind = CustomFieldKind.Template, Value = "{Channel}/{OrderNumber}/{ShipTo.CountryCode}/{Attributes.po}" });
            p.CustomFields.Add(new CustomFieldRule { Target = "Missing", Kind = CustomFieldKind.Copy, Source = "Attributes.absent" });
        });
        var attributes = new Dictionary<string, string> { ["po"] = "PO-7" };

        var paid = await mapper.MapOrderAsync(Order([("plain", 1)], attributes: attributes), Ct);
        var pending = await mapper.MapOrderAsync(Order([("plain", 1)], PaymentStatus.Pending, attributes: attributes), Ct);

        Assert.Equal(
            new Dictionary<string, string> { ["Email"] = "ada@example.com", ["Source"] = "Webshop", ["Terms"] = "PREPAID", ["Ref"] = "store-a/#1001/GB/PO-7" },
            paid.Order.Attributes);
        Assert.Equal("REVIEW", pending.Order.Attributes["Terms"]);
    }

    [Fact]
    public async Task MapOrder_RequiredCustomFieldEmpty_ThrowsNamingRule()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.CustomFields.Add(new CustomFieldRule { Target = "Po", Kind = CustomFieldKind.Copy, Source = "Attributes.po", Required = true });
        });

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(Order([("plain", 1)]), Ct));

        Assert.Equal(("CustomFields[0]", "Attributes.Po"), (error.Rule, error.FieldPath));
    }

    [Fact]
    public async Task MapOrder_Hook_AdjustsWhatNoRuleCovers()
    {
        var hook = new DelegateOrderMappingHook((context, _) =>
        {
            context.Attributes["LineCount"] = context.Lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Priority = 99;
            context.PickingInstructions.Add("Fragile");
            return ValueTask.CompletedTask;
        });
        var mapper = Mapper(Store(Catalogue), hook);

        var result = await mapper.MapOrderAsync(Order([("plain", 1), ("gift", 1)]), Ct);

        Assert.Equal("3", result.Order.Attributes["LineCount"]);
        Assert.Equal(99, result.Order.Priority);
        Assert.Equal(["Fragile"], result.Order.PickingInstructions);
    }

    [Fact]
    public async Task MapOrder_HookThrows_WrappedInMappingExceptionNamingHook()
    {
        var hook = new DelegateOrderMappingHook((_, _) => throw new InvalidOperationException("no credit"));
        var mapper = Mapper(Store(Catalogue), hook);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(Order([("plain", 1)]), Ct));

        Assert.StartsWith("Hook:", error.Rule, StringComparison.Ordinal);
        Assert.Contains("no credit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapOrder_AddressRules_NormaliseCountryPhoneAndCutLongLines()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Address.MaxLengths["Line1"] = 10;
        });

        var result = await mapper.MapOrderAsync(Order([("plain", 1)]), Ct);

        Assert.Equal(("GB", "+442079460000", "1 Analytic"), (result.Order.ShipTo!.CountryCode, result.Order.ShipTo.Phone, result.Order.ShipTo.Line1));
        Assert.Contains(result.Warnings!, w => w.Contains("Line1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MapOrder_LengthLimitError_NothingMapped()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Address.MaxLengths["City"] = 3;
            p.Address.LengthAction = LengthLimitAction.Error;
        });

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(Order([("plain", 1)]), Ct));

        Assert.Equal(("Address", "ShippingAddress.City"), (error.Rule, error.FieldPath));
    }
}
