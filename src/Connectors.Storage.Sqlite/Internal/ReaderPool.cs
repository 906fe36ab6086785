using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// The read connections of one store: opened on demand with Microsoft.Data.Sqlite's own pooling off, kept open for
/// reuse (up to <see cref="MaxIdle"/>) and closed with the store.
/// </summary>
/// <remarks>
/// Why not Microsoft.Data.Sqlite's pool: it is process-wide and keyed by connection string, and
/// <c>SqliteConnection.ClearPool</c>/<c>ClearAllPools</c> called anywhere in the process (another store on the same file
/// being disposed, or host code) runs its leak reclaimer, which can take a connection that another thread is just
/// activating for itself and dispose it under that thread: reads then fail with an <see cref="ObjectDisposedException"/>
/// on <c>SQLitePCL.sqlite3</c>. Seen in the model tests while other tests cleared all pools in parallel.
/// </remarks>
internal sealed class ReaderPool : IDisposable
{
    /// <summary>The most idle connections kept open.</summary>
    public const int MaxIdle = 8;

    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    /// <param name="connectionString">The readers' connection string; pooling is turned off here.</param>
    public ReaderPool(string connectionString)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    }

    /// <summary>An open connection, idle or new; give it back with <see cref="Return"/>.</summary>
    public async ValueTask<SqliteConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Takes a rented connection back: kept for reuse, or closed when the pool is full or closed.</summary>
    public void Return(SqliteConnection connection)
    {
        if (_disposed || connection.State != ConnectionState.Open || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            if (!_disposed && connection.State == ConnectionState.Open)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
            return;
        }

        _idle.Add(connection);

        // The pool may have closed between the check and the add: close whatever is left.
        if (_disposed)
        {
            DisposeIdle();
        }
    }

    /// <summary>Closes the idle connections; connections still rented are closed when they come back.</summary>
    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
