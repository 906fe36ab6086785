using System.Net;
using Connectors.Testing.Magento.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Testing.Magento;

/// <summary>
/// A Magento 2.4 REST emulator on loopback (Kestrel, 127.0.0.1, a free port), written from Magento's documented
/// behaviour and the published OpenAPI documents: <c>/rest/{store}/V1/...</c>; integration tokens checked as RFC 5849
/// OAuth 1.0a signatures (HMAC-SHA256 and HMAC-SHA1, nonces and a 600-second timestamp window), integration tokens as
/// bearer refused unless <see cref="AllowIntegrationBearerTokens"/> (Magento 2.4.4's default), admin tokens from
/// <c>POST /V1/integration/admin/token</c> that expire after <see cref="AdminTokenLifetime"/>; <c>searchCriteria</c>
/// filter groups, sort orders, page size and current page (a page past the end answers the last page) with
/// <c>total_count</c>; MSI sources, source items saved in one transaction per request, reservations (placed with an
/// order, compensated by shipment and cancellation) and the salable quantity; orders with configurable and bundle items,
/// order comments, shipments with source deduction. Latency and faults can be injected.
/// </summary>
public sealed partial class MagentoEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, EmuProduct> _products = new(StringComparer.Ordinal);
    private readonly List<string> _sources = ["default"];
    private readonly Dictionary<(string Sku, string Source), (decimal Quantity, int Status)> _sourceItems = [];
    private readonly List<(string Sku, decimal Quantity, string Event)> _reservations = [];
    private readonly Dictionary<long, EmuOrder> _orders = [];
    private readonly Dictionary<long, EmuShipment> _shipments = [];
    private readonly Dictionary<string, DateTimeOffset> _adminTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private readonly List<(MagentoEmulatorFault Fault, string? Path)> _faults = [];
    private readonly List<MagentoEmulatorRequest> _requests = [];
    private WebApplication? _app;
    private long _nextProductId = 1;
    private long _nextOrderId = 1;
    private long _nextItemId = 1;
    private long _nextShipmentId = 1;
    private long _nextHistoryId = 1;

    private MagentoEmulator(TimeProvider time) => _time = time;

    /// <summary>The store's base URL, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The integration's consumer key.</summary>
    public string ConsumerKey { get; set; } = "emulator-consumer-key-0000000000a";

    /// <summary>The integration's consumer secret; set it to rotate.</summary>
    public string ConsumerSecret { get; set; } = "emulator-consumer-secret-00000000";

    /// <summary>The integration's access token; set it to rotate.</summary>
    public string AccessToken { get; set; } = "emulator-access-token-00000000000";

    /// <summary>The integration's access token secret; set it to rotate.</summary>
    public string AccessTokenSecret { get; set; } = "emulator-token-secret-00000000000";

    /// <summary>Accepts the integration access token as a standalone bearer token. Default <see langword="false"/>, as Magento 2.4.4 and later.</summary>
    public bool AllowIntegrationBearerTokens { get; set; }

    /// <summary>The admin user's name.</summary>
    public string AdminUsername { get; set; } = "wms";

    /// <summary>The admin user's password; set it to rotate.</summary>
    public string AdminPassword { get; set; } = "emulator-admin-password-1";

    /// <summary>How long an admin token is accepted. Default four hours, Magento's default.</summary>
    public TimeSpan AdminTokenLifetime { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Admin tokens issued so far.</summary>
    public int AdminTokensIssued { get; private set; }

    /// <summary>The store codes served besides <c>default</c> and <c>all</c>.</summary>
    public ISet<string> StoreCodes { get; } = new HashSet<string>(StringComparer.Ordinal) { "default", "all" };

    /// <summary>The largest <c>searchCriteria[pageSize]</c> accepted (<c>webapi/validation/maximum_page_size</c>). Default 300.</summary>
    public int MaxPageSize { get; set; } = 300;

    /// <summary>No answer leaves before this long after its request arrived. Default zero.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// Test-only: called with each request after it arrived and before the store handles it (before faults and latency),
    /// outside the emulator's lock, so it may change the store through the emulator's methods (<see cref="PlaceOrder"/>,
    /// <see cref="ShipOrder"/>, <see cref="CancelOrder"/>) as if that had happened in Magento just before the request was
    /// processed: to put, for instance, a shipment between a client's read and its write. Null by default.
    /// </summary>
    public Action<MagentoEmulatorRequest>? BeforeHandling { get; set; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<MagentoEmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts an emulator on 127.0.0.1 and a free port, with the <c>default</c> source.</summary>
    /// <param name="timeProvider">The clock for dates, admin token lifetimes and OAuth timestamps; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<MagentoEmulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var emulator = new MagentoEmulator(timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Map("/rest/{store}/V1/{**path}", emulator.HandleAsync);
        app.Map("/rest/{store}/async/bulk/V1/{**path}", emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator._app = app;
        emulator.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>Answers the next <paramref name="count"/> requests (to <paramref name="path"/>, when given) with <paramref name="fault"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests get it.</param>
    /// <param name="path">Only requests whose path (from <c>/V1/</c>) ends with this; any request by default.</param>
    public void InjectFault(MagentoEmulatorFault fault, int count = 1, string? path = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((fault, path));
            }
        }
    }

    /// <summary>Adds an MSI source to the default stock (after the ones there, in priority order).</summary>
    /// <param name="code">The source code.</param>
    public void AddSource(string code)
    {
        lock (_gate)
        {
            _sources.Add(code);
        }
    }

    /// <summary>Adds a product.</summary>
    /// <param name="sku">Its SKU.</param>
    /// <param name="typeId">Its type: simple, virtual, configurable, bundle.</param>
    /// <param name="price">Its price.</param>
    /// <param name="name">Its name; the SKU by default.</param>
    /// <returns>The product's entity id.</returns>
    public long AddProduct(string sku, string typeId = "simple", decimal price = 10m, string? name = null)
    {
        lock (_gate)
        {
            var product = new EmuProduct { Id = _nextProductId++, Sku = sku, Name = name ?? sku, TypeId = typeId, Price = price };
            _products[sku] = product;
            return product.Id;
        }
    }

    /// <summary>Adds a configurable product over existing simple children.</summary>
    /// <param name="sku">Its SKU.</param>
    /// <param name="childSkus">The children's SKUs (added as simple products first when missing).</param>
    /// <param name="price">Its price.</param>
    /// <returns>The product's entity id.</returns>
    public long AddConfigurableProduct(string sku, IReadOnlyList<string> childSkus, decimal price = 10m)
    {
        ArgumentNullException.ThrowIfNull(childSkus);
        foreach (var child in childSkus)
        {
            bool missing;
            lock (_gate)
            {
                missing = !_products.ContainsKey(child);
            }

            if (missing)
            {
                AddProduct(child, price: price);
            }
        }

        var id = AddProduct(sku, "configurable", price);
        lock (_gate)
        {
            _products[sku].Children.AddRange(childSkus.Select(c => _products[c].Id));
        }

        return id;
    }

    /// <summary>Enables or disables a product (<c>status</c> 1 or 2) as an admin would.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="enabled">Whether it is enabled.</param>
    public void SetProductEnabled(string sku, bool enabled)
    {
        lock (_gate)
        {
            _products[sku].Enabled = enabled;
        }
    }

    /// <summary>
    /// Sets a product's <c>visibility</c>: 1 not visible individually, 2 catalog, 3 search, 4 catalog and search. By
    /// default 1 for configurable children and 4 otherwise.
    /// </summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="visibility">The visibility.</param>
    public void SetProductVisibility(string sku, int visibility)
    {
        lock (_gate)
        {
            _products[sku].Visibility = visibility;
        }
    }

    /// <summary>Sets a source item as an admin would.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="sourceCode">The source.</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="inStock">The source item status.</param>
    public void SetSourceQuantity(string sku, string sourceCode, decimal quantity, bool inStock = true)
    {
        lock (_gate)
        {
            _sourceItems[(sku, sourceCode)] = (quantity, inStock ? 1 : 0);
        }
    }

    /// <summary>A source item's quantity, or null when there is none.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="sourceCode">The source.</param>
    /// <returns>The quantity.</returns>
    public decimal? GetSourceQuantity(string sku, string sourceCode)
    {
        lock (_gate)
        {
            return _sourceItems.TryGetValue((sku, sourceCode), out var item) ? item.Quantity : null;
        }
    }

    /// <summary>
    /// The salable quantity of a SKU on the default stock, as MSI computes it: the quantities of its in-stock source items
    /// of the stock's sources, plus the (negative) reservations.
    /// </summary>
    /// <param name="sku">The SKU.</param>
    /// <returns>The salable quantity.</returns>
    public decimal GetSalableQuantity(string sku)
    {
        lock (_gate)
        {
            return SalableLocked(sku);
        }
    }

    /// <summary>The sum of the reservations of a SKU (negative while orders are open).</summary>
    /// <param name="sku">The SKU.</param>
    /// <returns>The reservation total.</returns>
    public decimal GetReservationTotal(string sku)
    {
        lock (_gate)
        {
            return _reservations.Where(r => r.Sku == sku).Sum(r => r.Quantity);
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private decimal SalableLocked(string sku) =>
        _sources.Sum(s => _sourceItems.TryGetValue((sku, s), out var item) && item.Status == 1 ? item.Quantity : 0)
        + _reservations.Where(r => r.Sku == sku).Sum(r => r.Quantity);

    private DateTimeOffset Now
    {
        get
        {
            var now = _time.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)); // Magento's dates are to the second
        }
    }
}
