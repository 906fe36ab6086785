using Connectors.Tests.Listings;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>The zero list across hosts: two store instances on one SQLite file.</summary>
public sealed class SqliteZeroListAcrossHostsTests : ZeroListAcrossHostsTests, IDisposable
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

    protected override async ValueTask<(ISyncStateStore HostA, ISyncStateStore HostB)> CreateStoresAsync()
    {
        var file = _directory.NewDatabase();
        var hostA = await SqliteSyncStateStore.OpenAsync(TestDirectory.Options(file), cancellationToken: TestContext.Current.CancellationToken);
        _stores.Add(hostA);
        var hostB = await SqliteSyncStateStore.OpenAsync(TestDirectory.Options(file), cancellationToken: TestContext.Current.CancellationToken);
        _stores.Add(hostB);
        return (hostA, hostB);
    }
}
