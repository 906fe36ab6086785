using Connectors.Tests.Listings;

namespace Connectors.Storage.PostgreSql.Tests;

/// <summary>The zero list across hosts: two store instances on one PostgreSQL schema.</summary>
public sealed class PostgreSqlZeroListAcrossHostsTests : ZeroListAcrossHostsTests, IAsyncDisposable
{
    private readonly List<PostgreSqlSyncStateStore> _stores = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override async ValueTask<(ISyncStateStore HostA, ISyncStateStore HostB)> CreateStoresAsync()
    {
        PostgreSqlTestServer.RequireServer();
        var schema = PostgreSqlTestServer.NewSchema();
        var hostA = PostgreSqlTestServer.CreateStore(schema);
        _stores.Add(hostA);
        var hostB = PostgreSqlTestServer.CreateStore(schema);
        _stores.Add(hostB);
        await hostA.MigrateAsync(TestContext.Current.CancellationToken);
        return (hostA, hostB);
    }
}
