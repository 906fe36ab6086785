using System.Globalization;
using Connectors;
using Connectors.Storage.Sqlite;

// Usage: Connectors.Storage.Sqlite.CrashHost <database-file> <rows-per-batch> <items-per-batch>
// Batch n sets every row crash/item-kkkk@L1 to desired n + 1 in ONE SetDesiredInventoryAsync call, then enqueues
// in-n-j to the inbox and out-n-j to the outbox (j < items-per-batch), then prints "committed n". It never stops
// by itself: the test kills it with SIGKILL at an arbitrary point, usually inside a transaction.
var path = args[0];
var rowCount = int.Parse(args[1], CultureInfo.InvariantCulture);
var itemCount = int.Parse(args[2], CultureInfo.InvariantCulture);
var t0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

// A journal limit of one and a half batches makes about every other batch fold the inventory journal first, so kills
// also land inside folds.
await using var store = await SqliteSyncStateStore.OpenAsync(
    new SqliteStoreOptions { ConnectionString = $"Data Source={path}", InventoryJournalLimit = rowCount + (rowCount / 2) });
Console.WriteLine("ready");

var rows = new DesiredInventory[rowCount];
for (var n = 0; ; n++)
{
    for (var k = 0; k < rowCount; k++)
    {
        rows[k] = new DesiredInventory(new InventoryKey("crash", $"item-{k:D4}", "L1"), n + 1, $"SKU-{k}");
    }

    var now = t0.AddSeconds(n);
    await store.SetDesiredInventoryAsync(rows, now);
    for (var j = 0; j < itemCount; j++)
    {
        await store.EnqueueAsync(WorkQueue.Inbox, new WorkItem($"in-{n}-{j}", "crash", "order", $"{{\"n\":{n},\"j\":{j}}}", now));
        await store.EnqueueAsync(WorkQueue.Outbox, new WorkItem($"out-{n}-{j}", "crash", "shipment", $"{{\"n\":{n},\"j\":{j}}}", now));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {n}"));
}
