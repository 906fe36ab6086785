using Connectors.Testing;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>The OData transport against the emulator: CSRF, sessions, ETags, paging, errors, authentication, transport faults.</summary>
public sealed class ODataProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WarehouseOrder Order(string id) => new("shop-a", id, [new WarehouseOrderLine("L1", "TG11", 1, "C1")]);

    private static Action<SapEwmEmulator> Products => e => e.AddProducts("TG11");

    [Fact]
    public async Task ModifyingRequest_FirstOne_FetchesTokenOnceAndReusesIt()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        await host.Warehouse_.SubmitOrderAsync(Order("1"), "shop-a:1", Ct);
        await host.Warehouse_.SubmitOrderAsync(Order("2"), "shop-a:2", Ct);

        Assert.Equal(1, host.Emulator.CsrfFetchCount);
        Assert.Equal(0, host.Emulator.CsrfRejectionCount);
        var fetch = Assert.Single(host.Emulator.Requests, r => r.Headers.TryGetValue("x-csrf-token", out var t) && t == "Fetch");
        Assert.Equal("GET", fetch.Method);
        Assert.All(host.Emulator.Requests.Where(r => r.Method == "POST"), r => Assert.NotEqual("Fetch", r.Headers["x-csrf-token"]));
    }

    [Fact]
    public async Task ModifyingRequest_TokenExpired_RefetchesOnCsrfFailureAndSendsAgain()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { Products(e); e.CsrfTokenLifetime = TimeSpan.FromMinutes(30); });
        await host.Warehouse_.SubmitOrderAsync(Order("1"), "shop-a:1", Ct);

        host.Time.Advance(TimeSpan.FromMinutes(31));
        var result = await host.Warehouse_.SubmitOrderAsync(Order("2"), "shop-a:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Equal(1, host.Emulator.CsrfRejectionCount);
        Assert.Equal(2, host.Emulator.CsrfFetchCount);
        Assert.Equal(2, host.Emulator.SalesOrderCount);
        Assert.Equal([403, 201], host.Emulator.Requests.Where(r => r.Method == "POST").Skip(1).Select(r => r.Status));
    }

    [Fact]
    public async Task ModifyingRequest_SessionEnded_NewSessionAndTokenThenSucceeds()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        await host.Warehouse_.SubmitOrderAsync(Order("1"), "shop-a:1", Ct);

        host.Emulator.EndSessions();
        await host.Warehouse_.SubmitOrderAsync(Order("2"), "shop-a:2", Ct);

        Assert.Equal(1, host.Emulator.CsrfRejectionCount);
        Assert.Equal(2, host.Emulator.SalesOrderCount);
    }

    [Fact]
    public async Task Patch_StaleETag_TransientPreconditionFailure()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { Products(e); e.HoldDeliveries = true; });
        var created = await host.Warehouse_.SubmitOrderAsync(Order("1"), "shop-a:1", Ct);
        var client = host.Services.GetRequiredService<ODataClient>();
        var service = new ODataService("API_SALES_ORDER_SRV", ODataVersion.V2, SapEwmEmulator.SalesOrderServicePath);
        var path = $"A_SalesOrderItem(SalesOrder='{created.WarehouseReference}',SalesOrderItem='10')";

        var error = await Assert.ThrowsAsync<SapRequestFailedException>(() => client.PatchAsync(
            service, path, new SalesOrderItemReject { SalesDocumentRjcnReason = "10" }, SapJsonContext.Default.SalesOrderItemReject, "W/\"stale\"", Ct));

        Assert.Equal(412, error.StatusCode);
        Assert.True(error.IsTransient);
        var (item, etag) = await client.GetAsync(service, path, SapJsonContext.Default.ODataV2EnvelopeSalesOrderRead, Ct);
        Assert.NotNull(etag);
        await client.PatchAsync(service, path, new SalesOrderItemReject { SalesDocumentRjcnReason = "10" }, SapJsonContext.Default.SalesOrderItemReject, etag, Ct);
        Assert.Equal("10", host.Emulator.SalesOrderField(created.WarehouseReference!, "SalesDocumentRjcnReason", "10"));
    }

    [Fact]
    public async Task QueryV2_ServerPages_FollowsNext()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { Products(e); e.MaxPageSize = 2; });
        for (var i = 1; i <= 5; i++)
        {
            await host.Warehouse_.SubmitOrderAsync(Order(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "shop-a:" + i, Ct);
        }

        var client = host.Services.GetRequiredService<ODataClient>();
        var service = new ODataService("API_SALES_ORDER_SRV", ODataVersion.V2, SapEwmEmulator.SalesOrderServicePath);
        var orders = await client.QueryV2Async(service, "A_SalesOrder?$select=SalesOrder,PurchaseOrderByCustomer", SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionSalesOrderRead, Ct).ToListAsync(Ct);

        Assert.Equal(5, orders.Select(o => o.SalesOrder).Distinct().Count());
        Assert.Equal(3, host.Emulator.PagesServed("A_SalesOrder") - 5); // 5 lookups of one page each before, then 3 pages of 2
    }

    [Fact]
    public async Task Get_UnknownEntitySet_TypedV4Error()
    {
        await using var host = await SapTestHost.StartAsync();
        host.SkipSpecCheck = true; // the request is wrong on purpose
        var client = host.Services.GetRequiredService<ODataClient>();
        var service = new ODataService("api_whse_availablestock", ODataVersion.V4, SapEwmEmulator.StockServicePath);

        var error = await Assert.ThrowsAsync<SapRequestFailedException>(() => client.QueryV4Async(service, "NoSuchSet", SapJsonContext.Default.ODataV4PageAvailableStockRow, Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("/IWBEP/CM_V4_RT/001", error.SapCode);
        Assert.Contains("NoSuchSet", error.SapMessage, StringComparison.Ordinal);
        Assert.Equal("error", Assert.Single(error.Details).Severity);
        Assert.NotNull(error.TransactionId);
    }

    [Fact]
    public async Task Get_PropertyUnknownToTheService_EmulatorRefusesAndSpecValidatorFlagsIt()
    {
        await using var host = await SapTestHost.StartAsync();
        host.SkipSpecCheck = true;
        var client = host.Services.GetRequiredService<ODataClient>();
        var service = new ODataService("api_whse_availablestock", ODataVersion.V4, SapEwmEmulator.StockServicePath);

        var error = await Assert.ThrowsAsync<SapRequestFailedException>(() =>
            client.QueryV4Async(service, "WarehouseAvailableStock?$select=Product,TrackingNumber", SapJsonContext.Default.ODataV4PageAvailableStockRow, Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(400, error.StatusCode);
        Assert.NotEmpty(SpecValidator.Validate(Assert.Single(host.Emulator.Requests)));
    }

    [Fact]
    public async Task Get_ServiceUnavailableOnce_RetriedByThePipeline()
    {
        await using var host = await SapTestHost.StartAsync(o => o.MaxRetries = 2, e => e.AddStock("1710", "TG11", 4));
        host.Emulator.InjectFault(SapEwmEmulatorFault.ServiceUnavailable);

        // The pipeline waits Retry-After on the host's TimeProvider, the fake clock here: move it on until the read is done.
        var read = host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask();
        for (var i = 0; i < 500 && !read.IsCompleted; i++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(10, Ct);
        }

        Assert.True(read.IsCompleted, "the read did not finish after 250 s of fake time: the retry after the 503 never came");
        var level = Assert.Single(await read);

        Assert.Equal(4m, level.OnHand);
        Assert.Equal([503, 200, 200], host.Emulator.Requests.Select(r => r.Status)); // the open tasks (retried), then the stock
    }

    [Theory]
    [InlineData(SapEwmEmulatorFault.ConnectionDrop)]
    [InlineData(SapEwmEmulatorFault.InternalServerError)]
    [InlineData(SapEwmEmulatorFault.BadGatewayHtml)]
    [InlineData(SapEwmEmulatorFault.TruncatedJson)]
    public async Task Get_TransportOrServerFault_TransientConnectorException(SapEwmEmulatorFault fault)
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddStock("1710", "TG11", 4));
        host.Emulator.InjectFault(fault);

        var error = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.True(error.IsTransient, error.Message);
        Assert.Equal(SapEwmWarehouse.PlatformName, error.Platform);
    }

    [Fact]
    public async Task Request_WrongPassword_AuthenticationException()
    {
        await using var host = await SapTestHost.StartAsync(o => o.Password = "wrong");

        var error = await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_SapClient_SentOnEveryRequestIncludingNextLinks()
    {
        await using var host = await SapTestHost.StartAsync(o => o.PageSize = 2, e =>
        {
            e.RequireSapClient = true;
            for (var i = 0; i < 5; i++)
            {
                e.AddStock("1710", "P" + i, 1);
            }
        });

        var levels = await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(5, levels.Count);
        Assert.Equal(4, host.Emulator.Requests.Count); // the open warehouse tasks, then three stock pages
        Assert.All(host.Emulator.Requests, r => Assert.Contains("sap-client=100", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_NoSapClientWhereTheSystemNeedsOne_AuthenticationException()
    {
        await using var host = await SapTestHost.StartAsync(o => o.SapClient = null, e => e.RequireSapClient = true);

        await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public async Task Request_OAuthClientCredentials_OneTokenForManyRequestsAndANewOneWhenRevoked()
    {
        SapEwmEmulator? emulator = null;
        await using var host = await SapTestHost.StartAsync(
            o =>
            {
                o.Authentication = SapAuthenticationMode.OAuthClientCredentials;
                o.UserName = null;
                o.Password = null;
                o.TokenEndpoint = emulator!.TokenEndpoint;
                o.ClientId = emulator.ClientId;
                o.ClientSecret = emulator.ClientSecret;
            },
            e => { emulator = e; e.AddStock("1710", "TG11", 4); });

        await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);
        await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(1, host.Emulator.BearerTokensIssued);

        host.Emulator.RevokeBearerTokens();
        var level = Assert.Single(await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal(4m, level.OnHand);
        Assert.Equal(2, host.Emulator.BearerTokensIssued);
        Assert.All(host.Emulator.Requests.Where(r => !r.Path.StartsWith("/oauth", StringComparison.Ordinal)), r => Assert.Equal("Bearer", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task Request_OAuthTokenNearExpiry_FetchesANewOneBeforeItRunsOut()
    {
        SapEwmEmulator? emulator = null;
        await using var host = await SapTestHost.StartAsync(
            o =>
            {
                o.Authentication = SapAuthenticationMode.OAuthClientCredentials;
                o.TokenEndpoint = emulator!.TokenEndpoint;
                o.ClientId = emulator.ClientId;
                o.ClientSecret = emulator.ClientSecret;
            },
            e => { emulator = e; e.BearerTokenLifetime = TimeSpan.FromMinutes(10); });

        await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);
        host.Time.Advance(TimeSpan.FromMinutes(8)); // two minutes left: outside the adapter's one-minute margin, the cached token is used
        await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(1, host.Emulator.BearerTokensIssued);

        host.Time.Advance(TimeSpan.FromMinutes(1.5)); // 30 s left: inside the margin
        await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(2, host.Emulator.BearerTokensIssued);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Status == 401);
    }

    [Fact]
    public async Task Request_OAuthWrongSecret_AuthenticationExceptionWithoutTheSecret()
    {
        SapEwmEmulator? emulator = null;
        await using var host = await SapTestHost.StartAsync(
            o =>
            {
                o.Authentication = SapAuthenticationMode.OAuthClientCredentials;
                o.TokenEndpoint = emulator!.TokenEndpoint;
                o.ClientId = emulator.ClientId;
                o.ClientSecret = "not-the-secret";
            },
            e => emulator = e);

        var error = await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.DoesNotContain("not-the-secret", error.Message, StringComparison.Ordinal);
    }
}
