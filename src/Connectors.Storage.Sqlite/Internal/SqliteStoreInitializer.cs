using Microsoft.Extensions.Hosting;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>Opens the store when the host starts, so a bad path or a newer database fails the start, not the first sync.</summary>
internal sealed class SqliteStoreInitializer(SqliteSyncStateStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
