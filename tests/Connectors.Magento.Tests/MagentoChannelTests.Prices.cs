using Connectors.Magento.Internal.Dto;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    private static PriceTarget PriceOf(string sku, decimal amount, string currency = "EUR", decimal? sale = null, DateTimeOffset? from = null, DateTimeOffset? to = null, decimal? compareAt = null) => new()
    {
        ChannelItemId = sku,
        Price = new ChannelPrice
        {
            Amount = new Money(amount, currency),
            Sale = sale is { } s ? new Money(s, currency) : null,
            SaleStartsAt = from,
            SaleEndsAt = to,
            CompareAt = compareAt is { } c ? new Money(c, currency) : null,
        },
    };

    [Fact]
    public async Task PushPrices_BaseAndWholeDaySale_StoredAsMagentoDaysAndAppliedOnlyWithinThem()
    {
        // Amsterdam is UTC+1 in December: the sale runs from 5 December 00:00 to 8 December 00:00 local time, so Magento's
        // last (included) day is the 7th.
        _emulator.TimeZone = "Europe/Amsterdam";
        _emulator.AddProduct("SKU-A", price: 10m);
        _emulator.AddProduct("SKU-B", price: 10m);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var results = await services.Magento().PushPricesAsync(
        [
            PriceOf("SKU-A", 19.99m, sale: 14.99m, from: new DateTimeOffset(2026, 12, 4, 23, 0, 0, TimeSpan.Zero), to: new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero)),
            PriceOf("SKU-B", 5m),
        ], Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(19.99m, _emulator.GetBasePrice("SKU-A"));
        Assert.Equal(5m, _emulator.GetBasePrice("SKU-B"));
        Assert.Equal((14.99m, "2026-12-05 00:00:00", "2026-12-07 00:00:00"), _emulator.GetSpecialPrice("SKU-A"));
        Assert.Null(_emulator.GetSpecialPrice("SKU-B"));
        Assert.Equal(19.99m, _emulator.GetFinalPrice("SKU-A")); // 2 December: not yet
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 23, 30, 0, TimeSpan.Zero)); // 5 December 00:30 in Amsterdam
        Assert.Equal(14.99m, _emulator.GetFinalPrice("SKU-A"));
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 22, 30, 0, TimeSpan.Zero)); // 7 December 23:30
        Assert.Equal(14.99m, _emulator.GetFinalPrice("SKU-A"));
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 23, 30, 0, TimeSpan.Zero)); // 8 December 00:30: over
        Assert.Equal(19.99m, _emulator.GetFinalPrice("SKU-A"));
    }

    [Fact]
    public async Task PushPrices_Applied_ProductReadShowsPriceAndSpecialPriceAttributes()
    {
        _emulator.AddProduct("SKU-A", price: 10m);
        _emulator.AllowIntegrationBearerTokens = true;
        await using var services = TestHost.ForEmulator(_emulator, o => o.TimeZone = "UTC", _time);
        await services.Magento().PushPricesAsync([PriceOf("SKU-A", 19.99m, sale: 14.99m, from: new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero))], Ct);
        using var http = new HttpClient { BaseAddress = new Uri(_emulator.BaseUrl, "rest/default/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _emulator.AccessToken);

        var product = System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri("V1/products?searchCriteria[pageSize]=10", UriKind.Relative), Ct))!["items"]![0]!;

        Assert.Equal(19.99m, product["price"]!.GetValue<decimal>());
        var attributes = product["custom_attributes"]!.AsArray().ToDictionary(a => a!["attribute_code"]!.GetValue<string>(), a => a!["value"]!.GetValue<string>());
        Assert.Equal(14.99m, decimal.Parse(attributes["special_price"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2026-12-05 00:00:00", attributes["special_from_date"]);
        Assert.False(attributes.ContainsKey("special_to_date"));
    }

    [Fact]
    public async Task PushPrices_NoSaleAnyMore_TheEndedSpecialPriceIsDeleted()
    {
        _emulator.AddProduct("SKU-A", price: 10m);
        _emulator.SetSpecialPrice("SKU-A", 7m, "2026-11-01 00:00:00", "2026-11-30 00:00:00");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var result = Assert.Single(await services.Magento().PushPricesAsync([PriceOf("SKU-A", 12m)], Ct));

        Assert.Equal(PushOutcome.Applied, result.Outcome);
        Assert.Null(_emulator.GetSpecialPrice("SKU-A"));
        Assert.Contains(_emulator.Requests, r => r.Path == "/V1/products/special-price-delete");
        Assert.Equal(12m, _emulator.GetFinalPrice("SKU-A"));
    }

    [Fact]
    public async Task PushPrices_OpenSpecialPriceOverAnOldDatedOne_OldDatesDoNotSurvive()
    {
        // Magento writes only the dates it is given: written over the old row, an open special price would keep the old
        // end of 30 November and stop applying. The connector deletes the old row first.
        _emulator.AddProduct("SKU-A", price: 10m);
        _emulator.SetSpecialPrice("SKU-A", 7m, "2026-11-01 00:00:00", "2026-11-30 00:00:00");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var result = Assert.Single(await services.Magento().PushPricesAsync([PriceOf("SKU-A", 19.99m, compareAt: 25m)], Ct));

        Assert.Equal(PushOutcome.Applied, result.Outcome);
        Assert.Equal(25m, _emulator.GetBasePrice("SKU-A"));
        Assert.Equal((19.99m, (string?)null, (string?)null), _emulator.GetSpecialPrice("SKU-A"));
        Assert.Equal(19.99m, _emulator.GetFinalPrice("SKU-A"));
    }

    [Fact]
    public async Task PushPrices_SameSaleTwice_SecondPushWritesNoSpecialPrice()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, o => o.TimeZone = "UTC", _time);
        var target = PriceOf("SKU-A", 20m, sale: 15m, from: new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));
        await services.Magento().PushPricesAsync([target], Ct);
        var before = _emulator.Requests.Count;

        var result = Assert.Single(await services.Magento().PushPricesAsync([target], Ct));

        Assert.Equal(PushOutcome.Applied, result.Outcome);
        Assert.Equal(["/V1/products/base-prices", "/V1/products/special-price-information"], _emulator.Requests.Skip(before).Select(r => r.Path));
        Assert.Equal((15m, "2026-12-05 00:00:00", (string?)null), _emulator.GetSpecialPrice("SKU-A"));
    }

    [Fact]
    public async Task PushPrices_UnknownSkuAndOtherCurrency_RejectedTypedAndTheRestApplied()
    {
        _emulator.BaseCurrency = "GBP";
        _emulator.AddProduct("SKU-A");
        _emulator.AddProduct("SKU-B");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var results = await services.Magento().PushPricesAsync(
            [PriceOf("SKU-A", 8m, "GBP", sale: 6m), PriceOf("NOPE", 9m, "GBP", sale: 5m), PriceOf("SKU-B", 10m, "EUR")], Ct);

        Assert.Equal(PushOutcome.Applied, results[0].Outcome);
        Assert.Equal((PushOutcome.Rejected, "sku_not_found"), (results[1].Outcome, results[1].ErrorCode));
        Assert.Contains("Invalid attribute %fieldName = %fieldValue. [SKU, NOPE]", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal((PushOutcome.Rejected, "currency_mismatch"), (results[2].Outcome, results[2].ErrorCode));
        Assert.Contains("GBP", results[2].Reason, StringComparison.Ordinal);
        Assert.Equal(8m, _emulator.GetBasePrice("SKU-A"));
        Assert.Equal(6m, _emulator.GetFinalPrice("SKU-A"));
        Assert.Equal(10m, _emulator.GetBasePrice("SKU-B"));
    }

    [Fact]
    public async Task PushPrices_StoreViewUnderGlobalPriceScope_SpecialPriceRefusedNamingTheScope()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, o => o.PriceStoreId = 1, _time);

        var result = Assert.Single(await services.Magento().PushPricesAsync([PriceOf("SKU-A", 20m, sale: 15m)], Ct));

        Assert.Equal((PushOutcome.Rejected, "price_scope_global"), (result.Outcome, result.ErrorCode));
        Assert.Contains("Could not change non global Price when price scope is global", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushPrices_UnknownStoreId_RejectedStoreNotFound()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, o => o.PriceStoreId = 7, _time);

        var result = Assert.Single(await services.Magento().PushPricesAsync([PriceOf("SKU-A", 20m)], Ct));

        Assert.Equal((PushOutcome.Rejected, "store_not_found"), (result.Outcome, result.ErrorCode));
    }

    [Fact]
    public async Task PushPrices_SaleNotStartingAtMidnightInTheStoreZone_RejectedNotSent()
    {
        _emulator.TimeZone = "Europe/Amsterdam";
        _emulator.AddProduct("SKU-A", price: 10m);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var result = Assert.Single(await services.Magento().PushPricesAsync(
            [PriceOf("SKU-A", 20m, sale: 15m, from: new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero))], Ct)); // 01:00 in Amsterdam

        Assert.Equal((PushOutcome.Rejected, "sale_window_not_whole_days"), (result.Outcome, result.ErrorCode));
        Assert.Contains("Europe/Amsterdam", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Requests, r => r.Path.StartsWith("/V1/products/", StringComparison.Ordinal));
        Assert.Equal(10m, _emulator.GetBasePrice("SKU-A"));
    }

    [Fact]
    public async Task PushPrices_MoreThanTheBatchSize_OneBasePriceRequestPerBatch()
    {
        foreach (var i in Enumerable.Range(1, 5))
        {
            _emulator.AddProduct($"SKU-{i}");
        }

        await using var services = TestHost.ForEmulator(_emulator, o => o.BatchSize = 2, _time);

        var results = await services.Magento().PushPricesAsync([.. Enumerable.Range(1, 5).Select(i => PriceOf($"SKU-{i}", i))], Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(3, _emulator.Requests.Count(r => r.Path == "/V1/products/base-prices"));
        Assert.Equal(1, _emulator.Requests.Count(r => r.Path == "/V1/store/storeConfigs")); // read once
        Assert.Equal(2, services.Magento().MaxPriceBatchSize);
    }

    [Fact]
    public void RenderPriceError_NamedPlaceholdersAndPositional_ParametersShown()
    {
        Assert.Equal(
            "Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId. [A, 7]",
            MagentoChannel.RenderPriceError(new PriceUpdateResult { Message = "Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId.", Parameters = ["A", "7"] }));
        Assert.Equal("Price of A refused", MagentoChannel.RenderPriceError(new PriceUpdateResult { Message = "Price of %1 refused", Parameters = ["A"] }));
    }
}
