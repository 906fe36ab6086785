using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Holds the single writer (the store's semaphore) and one immediate transaction. Disposing without
/// <see cref="CommitAsync"/> rolls back, so an exception or cancellation leaves no part of a batch behind.
/// </summary>
internal readonly struct WriteScope(SemaphoreSlim gate, SqliteTransaction transaction) : IAsyncDisposable
{
    public SqliteTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
