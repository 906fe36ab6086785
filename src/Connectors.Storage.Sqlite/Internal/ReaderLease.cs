using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>A connection rented from a <see cref="ReaderPool"/>; disposing gives it back.</summary>
internal readonly struct ReaderLease(ReaderPool pool, SqliteConnection connection) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public void Dispose() => pool.Return(Connection);
}
