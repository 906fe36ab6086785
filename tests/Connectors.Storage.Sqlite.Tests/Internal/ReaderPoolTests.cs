using System.Data;
using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests.Internal;

/// <summary>The store's own read connections (<see cref="ReaderPool"/>).</summary>
public sealed class ReaderPoolTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Rent_AfterReturn_ReusesTheOpenConnection()
    {
        using var pool = new ReaderPool($"Data Source={_directory.NewDatabase()}");
        var first = await pool.RentAsync(Ct);
        pool.Return(first);

        var second = await pool.RentAsync(Ct);

        Assert.Same(first, second);
        Assert.Equal(ConnectionState.Open, second.State);
        Assert.False(new SqliteConnectionStringBuilder(second.ConnectionString).Pooling);
        pool.Return(second);
    }

    [Fact]
    public async Task Return_BeyondMaxIdle_ClosesTheExtraConnections()
    {
        using var pool = new ReaderPool($"Data Source={_directory.NewDatabase()}");
        var rented = new List<SqliteConnection>();
        for (var i = 0; i < ReaderPool.MaxIdle + 3; i++)
        {
            rented.Add(await pool.RentAsync(Ct));
        }

        rented.ForEach(pool.Return);

        Assert.Equal(ReaderPool.MaxIdle, rented.Count(c => c.State == ConnectionState.Open));
    }

    [Fact]
    public async Task Dispose_ClosesIdleConnectionsAndThoseReturnedLater()
    {
        var pool = new ReaderPool($"Data Source={_directory.NewDatabase()}");
        var idle = await pool.RentAsync(Ct);
        var inUse = await pool.RentAsync(Ct);
        pool.Return(idle);

        pool.Dispose();
        pool.Return(inUse);

        Assert.Equal(ConnectionState.Closed, idle.State);
        Assert.Equal(ConnectionState.Closed, inUse.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await pool.RentAsync(Ct));
    }
}
