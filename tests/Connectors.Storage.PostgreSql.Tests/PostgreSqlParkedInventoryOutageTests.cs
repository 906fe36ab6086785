using Connectors.Tests.Inventory;

namespace Connectors.Storage.PostgreSql.Tests;

public sealed class PostgreSqlParkedInventoryOutageTests : ParkedInventoryOutageTests, IAsyncDisposable
{
    private readonly List<PostgreSqlSyncStateStore> _stores = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override ValueTask<ISyncStateStore> CreateStoreAsync()
    {
        PostgreSqlTestServer.RequireServer();
        var store = PostgreSqlTestServer.CreateStore(PostgreSqlTestServer.NewSchema());
        _stores.Add(store);
        return ValueTask.FromResult<ISyncStateStore>(store);
    }
}
