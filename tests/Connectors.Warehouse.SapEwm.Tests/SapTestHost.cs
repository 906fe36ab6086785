using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>
/// An emulator plus a container with <c>AddConnectors().AddSapEwm(...)</c> pointed at it, and a recorder in place of
/// the engine's <see cref="IConnectorEvents"/>. Disposing it checks every request the adapter sent against SAP's specs.
/// </summary>
internal sealed class SapTestHost : IAsyncDisposable
{
    public const string Warehouse = "1710";
    public const string Customer = "17100001";

    private SapTestHost(SapEwmEmulator emulator, ServiceProvider services, FakeTimeProvider time, RecordingEvents events)
    {
        Emulator = emulator;
        Services = services;
        Time = time;
        Events = events;
    }

    public SapEwmEmulator Emulator { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public RecordingEvents Events { get; }

    public bool SkipSpecCheck { get; set; }

    public SapEwmWarehouse Warehouse_ => Services.GetRequiredService<SapEwmWarehouse>();

    public SapEwmShipmentPoller Poller => Services.GetRequiredService<SapEwmShipmentPoller>();

    public static async Task<SapTestHost> StartAsync(Action<SapEwmOptions>? configure = null, Action<SapEwmEmulator>? emulator = null, Action<IServiceCollection>? more = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var emu = await SapEwmEmulator.StartAsync(time, TestContext.Current.CancellationToken);
        emu.AddCustomers(Customer, "17100002");
        emulator?.Invoke(emu);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        more?.Invoke(services);
        services.AddConnectors().AddSapEwm(o => Configure(o, emu, configure));
        var events = new RecordingEvents();
        services.AddSingleton<IConnectorEvents>(events);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        return new SapTestHost(emu, provider, time, events);
    }

    public static void Configure(SapEwmOptions o, SapEwmEmulator emu, Action<SapEwmOptions>? configure)
    {
        o.Host = emu.Host;
        o.AllowInsecureHttp = true;
        o.SapClient = "100";
        o.UserName = emu.UserName;
        o.Password = emu.Password;
        o.Warehouses.Add(Warehouse);
        o.SalesOrganization = "1710";
        o.DistributionChannel = "10";
        o.OrganizationDivision = "00";
        o.SoldToParty = Customer;
        o.MaxRetries = 0;
        o.AttemptTimeout = TimeSpan.FromSeconds(20);
        configure?.Invoke(o);
    }

    public async ValueTask DisposeAsync()
    {
        var requests = Emulator.Requests;
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
        if (!SkipSpecCheck)
        {
            SpecValidator.AssertValid(requests);
        }
    }
}

/// <summary>Records what the adapter publishes.</summary>
internal sealed class RecordingEvents : IConnectorEvents
{
    private readonly Lock _gate = new();
    private readonly List<WarehouseShipment> _shipments = [];
    private readonly List<ReturnReceipt> _receipts = [];
    private readonly List<IReadOnlyList<StockLevel>> _stockBatches = [];

    /// <summary>Raised after each publication, for tests that wait on a hosted worker.</summary>
    public event Action? Published;

    public IReadOnlyList<ReturnReceipt> Receipts
    {
        get
        {
            lock (_gate)
            {
                return [.. _receipts];
            }
        }
    }

    public IReadOnlyList<IReadOnlyList<StockLevel>> StockBatches
    {
        get
        {
            lock (_gate)
            {
                return [.. _stockBatches];
            }
        }
    }

    public IReadOnlyList<WarehouseShipment> Shipments
    {
        get
        {
            lock (_gate)
            {
                return [.. _shipments];
            }
        }
    }

    public Task PublishStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stockBatches.Add(levels);
        }

        Published?.Invoke();
        return Task.CompletedTask;
    }

    public Task PublishShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _shipments.Add(shipment);
        }

        Published?.Invoke();
        return Task.CompletedTask;
    }

    public Task PublishReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _receipts.Add(receipt);
        }

        Published?.Invoke();
        return Task.CompletedTask;
    }
}
