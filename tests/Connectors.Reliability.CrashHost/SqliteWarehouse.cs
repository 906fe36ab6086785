using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors;
using Microsoft.Data.Sqlite;

namespace Connectors.Reliability.CrashHost;

/// <summary>
/// The WMS of the crash-restart run, in its own SQLite file so it survives SIGKILL like a real WMS would. Order intake
/// is idempotent on the order key (the <see cref="IWarehouseOrders"/> contract): the first submit of an order stores it
/// and reserves its units, a repeat stores nothing. Every idempotency key seen per order is recorded, so the test can
/// count orders accepted as new more than once (the "exactly once" figure); every committed submit call is counted too
/// (a repeat shows the engine re-ran an order whose submit had committed before the kill). Available-to-sell = on hand - reserved.
/// </summary>
internal sealed class SqliteWarehouse : IWarehouseInventory, IWarehouseOrders
{
    public const string Location = "WH1";
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _crashAfterSubmit = CrashPoint("CONNECTORS_CRASH_AFTER_SUBMIT");
    private int _submits;

    public SqliteWarehouse(string path, IReadOnlyDictionary<string, int> initialStock)
    {
        _connectionString = $"Data Source={path};Pooling=False;Default Timeout=30";
        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            pragma.ExecuteNonQuery();
        }

        using var tx = connection.BeginTransaction();
        Execute(connection, tx, """
            CREATE TABLE IF NOT EXISTS stock (sku TEXT PRIMARY KEY, on_hand INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS orders (channel TEXT NOT NULL, order_id TEXT NOT NULL, PRIMARY KEY (channel, order_id));
            CREATE TABLE IF NOT EXISTS order_lines (channel TEXT NOT NULL, order_id TEXT NOT NULL, line_id TEXT NOT NULL, sku TEXT NOT NULL, quantity INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS submits (channel TEXT NOT NULL, order_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, PRIMARY KEY (channel, order_id, idempotency_key));
            CREATE TABLE IF NOT EXISTS submit_calls (channel TEXT NOT NULL, order_id TEXT NOT NULL, idempotency_key TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shipped (channel TEXT NOT NULL, order_id TEXT NOT NULL, shipment_id TEXT NOT NULL, PRIMARY KEY (channel, order_id));
            """);
        foreach (var (sku, onHand) in initialStock)
        {
            Execute(connection, tx, "INSERT OR IGNORE INTO stock (sku, on_hand) VALUES ($a, $b)", sku, onHand);
        }

        tx.Commit();
    }

    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var level in Levels().Where(l => skus is null || skus.Contains(l.Sku)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return level;
        }

        await Task.CompletedTask;
    }

    /// <summary>Every SKU's level: on hand, and the units of the orders the WMS holds as reserved.</summary>
    public List<StockLevel> Levels()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.sku, s.on_hand, COALESCE((SELECT SUM(l.quantity) FROM order_lines l WHERE l.sku = s.sku), 0)
            FROM stock s ORDER BY s.sku
            """;
        using var reader = command.ExecuteReader();
        var levels = new List<StockLevel>();
        while (reader.Read())
        {
            var onHand = reader.GetInt64(1);
            levels.Add(new StockLevel(reader.GetString(0), Location, onHand, Math.Min(onHand, reader.GetInt64(2))));
        }

        return levels;
    }

    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction();
            Execute(connection, tx, "INSERT INTO submit_calls (channel, order_id, idempotency_key) VALUES ($a, $b, $c)", order.Channel, order.ChannelOrderId, idempotencyKey);
            Execute(connection, tx, "INSERT OR IGNORE INTO submits (channel, order_id, idempotency_key) VALUES ($a, $b, $c)", order.Channel, order.ChannelOrderId, idempotencyKey);
            if (Execute(connection, tx, "INSERT OR IGNORE INTO orders (channel, order_id) VALUES ($a, $b)", order.Channel, order.ChannelOrderId) == 1)
            {
                foreach (var line in order.Lines)
                {
                    Execute(connection, tx, "INSERT INTO order_lines (channel, order_id, line_id, sku, quantity) VALUES ($a, $b, $c, $d, $e)",
                        order.Channel, order.ChannelOrderId, line.LineId, line.Sku, (long)line.Quantity);
                }
            }

            tx.Commit();
            if (++_submits == _crashAfterSubmit)
            {
                Crash(); // the WMS has the order; the engine never hears back
            }

            return WarehouseOrderResult.Accepted("WMS-" + order.Channel + "-" + order.ChannelOrderId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(WarehouseOrderResult.Refused("The crash-restart WMS does not change orders."));

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
        Task.FromResult(WarehouseOrderResult.Refused("The crash-restart WMS does not cancel orders."));

    /// <summary>The orders the WMS holds and has not shipped yet, with their lines.</summary>
    public List<(string Channel, string OrderId, List<WarehouseShipmentLine> Lines)> Unshipped()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT l.channel, l.order_id, l.sku, l.quantity, l.line_id FROM order_lines l
            WHERE NOT EXISTS (SELECT 1 FROM shipped s WHERE s.channel = l.channel AND s.order_id = l.order_id)
            ORDER BY l.channel, l.order_id, l.line_id
            """;
        using var reader = command.ExecuteReader();
        var result = new List<(string, string, List<WarehouseShipmentLine>)>();
        while (reader.Read())
        {
            var channel = reader.GetString(0);
            var orderId = reader.GetString(1);
            if (result.Count == 0 || result[^1].Item1 != channel || result[^1].Item2 != orderId)
            {
                result.Add((channel, orderId, []));
            }

            result[^1].Item3.Add(new WarehouseShipmentLine(reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
        }

        return result;
    }

    /// <summary>Records that the shipment of an order was handed to the engine.</summary>
    public void MarkShipped(string channel, string orderId, string shipmentId)
    {
        using var connection = Open();
        using var tx = connection.BeginTransaction();
        Execute(connection, tx, "INSERT OR IGNORE INTO shipped (channel, order_id, shipment_id) VALUES ($a, $b, $c)", channel, orderId, shipmentId);
        tx.Commit();
    }

    /// <summary>A deterministic crash point from the environment: the n-th occurrence in this life, or 0 for none.</summary>
    public static int CrashPoint(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>SIGKILL to this process: no finally blocks, no flush, no graceful shutdown.</summary>
    public static void Crash()
    {
        Console.Out.Flush();
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction tx, string sql, params object[] values)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (char)('a' + i), values[i] is string s ? s : Convert.ToInt64(values[i], CultureInfo.InvariantCulture));
        }

        return command.ExecuteNonQuery();
    }
}
