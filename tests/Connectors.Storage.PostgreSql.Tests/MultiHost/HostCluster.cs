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

    public FakeTimeProvider Time { get; } = new(ModelFactory.Epoch.AddDays(1));

    public FakeChannel Channel { get; } = new(ConnectorHost.Shop);

    public FakeWarehouse Warehouse { get; } = new();

    /// <summary>Starts one more host on the shared schema, clock, shop and WMS.</summary>
    public ConnectorHost Start(string name, TimeSpan lease, int batchSize = 5, Action<IServiceCollection>? configure = null) =>
        new(name, _schema, Time, Channel, Warehouse, lease, batchSize, configure);
}
