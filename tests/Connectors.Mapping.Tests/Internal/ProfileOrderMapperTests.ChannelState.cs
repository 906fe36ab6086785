using Connectors.Mapping.Internal;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

/// <summary>
/// Issue 19 items 3, 4 and 6: orders already completed or fulfilled on the channel are not released, an order with a
/// shipped line and no usable ship-to address is a mapping error, and unit prices are rounded to the minor unit.
/// </summary>
public partial class ProfileOrderMapperTests
{
    private static ChannelOrder StateOrder(
        ChannelOrderStatus status = ChannelOrderStatus.Open,
        FulfillmentStatus fulfillment = FulfillmentStatus.Unfulfilled,
        Address? shipTo = null,
        bool noAddress = false,
        IReadOnlyList<ChannelOrderLine>? lines = null,
        string currency = "EUR",
        PaymentStatus payment = PaymentStatus.Paid) =>
        new(
            Channel,
            "1001",
            currency,
            lines ?? [new ChannelOrderLine("L1", "plain", 1, new Money(12m, currency), "plain")],
            Testing.ModelFactory.Epoch,
            Testing.ModelFactory.Epoch.AddMinutes(5),
            status: status,
            paymentStatus: payment,
            fulfillmentStatus: fulfillment,
            shippingAddress: noAddress ? null : shipTo ?? new Address
            {
                Name = "Ada",
                Line1 = "1 Analytical Way",
                City = "London",
                PostalCode = "N1 1AA",
                CountryCode = "GB",
            });

    [Theory]
    [InlineData(ChannelOrderStatus.Completed, FulfillmentStatus.Unfulfilled, ReleaseDecision.Reject)]
    [InlineData(ChannelOrderStatus.Completed, FulfillmentStatus.Fulfilled, ReleaseDecision.Reject)]
    [InlineData(ChannelOrderStatus.Open, FulfillmentStatus.Fulfilled, ReleaseDecision.Reject)]
    [InlineData(ChannelOrderStatus.Open, FulfillmentStatus.PartiallyFulfilled, ReleaseDecision.Hold)]
    [InlineData(ChannelOrderStatus.Open, FulfillmentStatus.Unfulfilled, ReleaseDecision.Release)]
    public async Task MapOrder_PaidOrderInAChannelState_DefaultRulesReleaseOnlyWhatIsStillToShip(ChannelOrderStatus status, FulfillmentStatus fulfillment, ReleaseDecision expected)
    {
        var mapper = Mapper(Catalogue);

        var result = await mapper.MapOrderAsync(StateOrder(status, fulfillment), Ct);

        Assert.Equal(expected, result.Release);
        if (expected != ReleaseDecision.Release)
        {
            Assert.Contains("on the channel", result.Reason, StringComparison.Ordinal);
        }
    }

    // OnHold across platforms (Shopify fulfilment orders ON_HOLD, WooCommerce on-hold, Magento holded): held by
    // default, a payment the rules reject still rejects (WooCommerce 'failed' reads as OnHold with a failed payment),
    // and Release.OrderStatus:OnHold = Release lets the payment decide.
    [Theory]
    [InlineData(PaymentStatus.Paid, false, ReleaseDecision.Hold)]
    [InlineData(PaymentStatus.Failed, false, ReleaseDecision.Reject)]
    [InlineData(PaymentStatus.Paid, true, ReleaseDecision.Release)]
    public async Task MapOrder_OrderOnHoldOnTheChannel_HeldByDefaultUnlessPaymentRejectsOrTheProfileReleases(PaymentStatus payment, bool releaseOnHold, ReleaseDecision expected)
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            if (releaseOnHold)
            {
                p.Release.OrderStatus["OnHold"] = ReleaseDecision.Release;
            }
        });

        var result = await mapper.MapOrderAsync(StateOrder(ChannelOrderStatus.OnHold, payment: payment), Ct);

        Assert.Equal(expected, result.Release);
        if (expected == ReleaseDecision.Hold)
        {
            Assert.Contains("OnHold on the channel", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MapOrder_CompletedOrderWithOverride_PaymentDecides()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Release.OrderStatus["completed"] = ReleaseDecision.Release;
            p.Release.FulfillmentStatus["Fulfilled"] = ReleaseDecision.Release;
        });

        var result = await mapper.MapOrderAsync(StateOrder(ChannelOrderStatus.Completed, FulfillmentStatus.Fulfilled), Ct);

        Assert.Equal(ReleaseDecision.Release, result.Release);
    }

    [Fact]
    public void Compile_UnknownOrFixedChannelStates_NameThePath()
    {
        var errors = new List<ValidationError>();
        var profile = new Profiles.ChannelMappingProfile();
        profile.Release.OrderStatus["Closed"] = ReleaseDecision.Hold;
        profile.Release.OrderStatus["Cancelled"] = ReleaseDecision.Release;
        profile.Release.FulfillmentStatus["Shipped"] = ReleaseDecision.Hold;

        ProfileCompiler.Compile(Channel, profile, "Mapping", errors);

        Assert.Equal(
            ["Mapping:Channels:store-a:Release.FulfillmentStatus:Shipped", "Mapping:Channels:store-a:Release.OrderStatus:Cancelled", "Mapping:Channels:store-a:Release.OrderStatus:Closed"],
            errors.Select(e => e.FieldPath).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MapOrder_ShippedLineWithoutAnAddress_IsAMappingErrorNamingTheField()
    {
        var mapper = Mapper(Catalogue);

        var error = await Assert.ThrowsAsync<MappingException>(() => mapper.MapOrderAsync(StateOrder(noAddress: true), Ct).AsTask());

        Assert.Equal("ShippingAddress", error.FieldPath);
        Assert.Equal("Address.RequireShipTo", error.Rule);
        Assert.Equal("L1", error.LineId);
    }

    [Fact]
    public async Task MapOrder_AddressWithoutStreetOrCountry_IsAMappingError()
    {
        var mapper = Mapper(Catalogue);

        await Assert.ThrowsAsync<MappingException>(() => mapper.MapOrderAsync(StateOrder(shipTo: new Address
        {
            Name = "Ada",
            City = "London",
            CountryCode = "GB",
        }), Ct).AsTask());
        await Assert.ThrowsAsync<MappingException>(() => mapper.MapOrderAsync(StateOrder(shipTo: new Address
        {
            Name = "Ada",
            Line1 = "1 Analytical Way",
            City = "London",
        }), Ct).AsTask());
    }

    [Fact]
    public async Task MapOrder_NoAddressButNoLineShips_OrProfileAllowsIt_IsMapped()
    {
        var download = new ChannelOrderLine("L1", "plain", 1, new Money(12m, "EUR"), "plain") { RequiresShipping = false };
        var strict = Mapper(Catalogue);
        var collected = Mapper(p =>
        {
            Catalogue(p);
            p.Address.RequireShipTo = false;
        });

        var digital = await strict.MapOrderAsync(StateOrder(noAddress: true, lines: [download]), Ct);
        var pickup = await collected.MapOrderAsync(StateOrder(noAddress: true), Ct);

        Assert.Null(digital.Order.ShipTo);
        Assert.Null(pickup.Order.ShipTo);
    }

    [Theory]
    [InlineData("EUR", "10.00", "3.33")]
    [InlineData("JPY", "1000", "333")]
    [InlineData("KWD", "10.000", "3.333")]
    public async Task MapOrder_CaseOf3WhosePriceDoesNotDivide_CarriesTheTotalAndAUnitPriceInMinorUnits(string currency, string caseTotal, string unit)
    {
        var mapper = Mapper(p => p.Items.Add(new Profiles.ItemMapping { ChannelItemId = "case3", Sku = "CAN", QuantityPerUnit = 3m }));
        var total = decimal.Parse(caseTotal, System.Globalization.CultureInfo.InvariantCulture);
        var order = StateOrder(lines: [new ChannelOrderLine("L1", "case3", 1, new Money(total, currency), "case3")], currency: currency);

        var line = Assert.Single((await mapper.MapOrderAsync(order, Ct)).Order.Lines);

        Assert.Equal(3m, line.Quantity);
        Assert.Equal(new Money(decimal.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), currency), line.UnitPrice);
        Assert.Equal(new Money(total, currency), line.Total);
    }
}
