using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>What several hosts share in a multi-host test: a fresh PostgreSQL schema, the clock, the shop and the WMS.</summary>
internal sealed class HostCluster
{
    private readonly string _schema;

    public HostCluster()
    {
        PostgreSqlTestServer.RequireServer();
        _schema = PostgreSqlTestServer.NewSchema();
    }

    private static readonly DateTimeOffset StartTime = ModelFactory.Epoch.AddDays(1);

    public FakeTimeProvider Time { get; } = new(StartTime);

    public FakeChannel Channel { get; } = new(ConnectorHost.Shop);

    public FakeWarehouse Warehouse { get; } = new();

    /// <summary>Calls for one order that the WMS saw in flight at once, across every host.</summary>
    public OrderCallOverlaps Overlaps { get; } = new();

    /// <summary>
    /// Starts one more host on the shared schema, clock, shop and WMS. The store keeps leases on the database's clock;
    /// the host's view of it moves with the shared fake clock, so advancing that clock lets leases run out as it did
    /// when leases were kept on the hosts' clocks.
    /// </summary>
    public ConnectorHost Start(string name, TimeSpan lease, int batchSize = 5, Action<IServiceCollection>? configure = null) =>
        Start(name, Time, lease, batchSize, configure);

    /// <summary>Starts one more host with its own clock (for example one that is minutes off); its store's lease clock is the database's alone.</summary>
    public ConnectorHost Start(string name, TimeProvider time, TimeSpan lease, int batchSize = 5, Action<IServiceCollection>? configure = null)
    {
        var host = new ConnectorHost(name, _schema, time, Channel, Warehouse, lease, batchSize, configure, Overlaps);
        if (ReferenceEquals(time, Time))
        {
            var start = StartTime;
            ((PostgreSqlSyncStateStore)host.Store).LeaseClockOffset = () => Time.GetUtcNow() - start;
        }

        return host;
    }
}
