using Connectors.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests.Internal;

public sealed class InventoryWriterTests : IDisposable
{
    private static readonly long Now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly string LongSku = "ü" + new string('x', 2000); // longer than the pinned SKU buffer
    private readonly TestDirectory _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SqliteNative_BundledLibrary_IsTheInstanceSqlitePclRawUses()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open(); // initialises SQLitePCLRaw, as the store's writer connection does before TryCreate

        Assert.NotNull(SqliteNative.TryCreate());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Write_NativeAndSqlitePclRawPaths_StoreTheSameRowsAndCounts(bool allowNative)
    {
        using var connection = new SqliteConnection($"Data Source={_directory.NewDatabase()};Pooling=False");
        await connection.OpenAsync(Ct);
        await SqliteMigrator.MigrateAsync(connection, SqliteSchema.Migrations, "db", DateTimeOffset.UnixEpoch, Ct);
        using var writer = new InventoryWriter(connection, allowNative);
        Assert.Equal(allowNative, writer.UsesNativeEntryPoints);

        var counts = new List<int>
        {
            Write(connection, writer, [Row("a", 1, "S-a"), Row("b", 2, null), Row("c", 3, "S-c"), Row("d", 1, null)]),
            Write(connection, writer, [Row("a", 1, null), Row("b", 5, "S-b"), Row("c", 4, null), Row("c", 6, null)]),
            Write(connection, writer, [Row("a", 1, "ignored"), Row("b", 5, null)]),
            Write(connection, writer, [Row("d", 2, LongSku)]),
        };

        Assert.Equal([4, 3, 0, 1], counts);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT item_id, desired, version, sku, pending, next_attempt_at FROM inventory ORDER BY item_id";
        using var reader = read.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)}:{reader.GetInt64(1)}:v{reader.GetInt64(2)}:{(reader.IsDBNull(3) ? "-" : reader.GetString(3))}:p{reader.GetInt64(4)}:{reader.GetInt64(5) == Now}");
        }

        Assert.Equal(["a:1:v1:S-a:p1:True", "b:5:v2:S-b:p1:True", "c:6:v3:S-c:p1:True", $"d:2:v2:{LongSku}:p1:True"], rows);
        reader.Dispose();

        using (var settle = connection.CreateCommand())
        {
            settle.CommandText = "UPDATE inventory SET acknowledged = desired, pending = 0";
            settle.ExecuteNonQuery();
        }

        // Settled rows: the first goes through the general update, the next ones through the settled-row update.
        Assert.Equal(3, Write(connection, writer, [Row("a", 7, null), Row("b", 8, null), Row("c", 9, null), Row("d", 2, null)]));
        using (var settled = connection.CreateCommand())
        {
            settled.CommandText = "SELECT group_concat(item_id || ':' || desired || ':' || pending, ',') FROM (SELECT * FROM inventory ORDER BY item_id)";
            Assert.Equal("a:7:1,b:8:1,c:9:1,d:2:0", settled.ExecuteScalar());
        }
    }

    private static DesiredInventory Row(string item, int quantity, string? sku) => new(new InventoryKey("ch", item, "L1"), quantity, sku);

    private static int Write(SqliteConnection connection, InventoryWriter writer, DesiredInventory[] rows)
    {
        using var transaction = connection.BeginTransaction();
        var changed = writer.Write(rows, Now, Ct);
        transaction.Commit();
        writer.Commit();
        return changed;
    }
}
