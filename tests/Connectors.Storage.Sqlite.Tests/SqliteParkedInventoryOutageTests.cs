using Connectors.Tests.Inventory;

namespace Connectors.Storage.Sqlite.Tests;

public sealed class SqliteParkedInventoryOutageTests : ParkedInventoryOutageTests, IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly List<SqliteSyncStateStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _directory.Dispose();
    }

    protected override async ValueTask<ISyncStateStore> CreateStoreAsync()
    {
        var store = await SqliteSyncStateStore.OpenAsync(TestDirectory.Options(_directory.NewDatabase()), cancellationToken: TestContext.Current.CancellationToken);
        _stores.Add(store);
        return store;
    }
}
