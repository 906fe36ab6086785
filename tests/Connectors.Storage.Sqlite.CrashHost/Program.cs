using System.Globalization;
using Connectors;
using Connectors.Storage.Sqlite;

// Usage: Connectors.Storage.Sqlite.CrashHost <database-file> <rows-per-batch> <items-per-batch>
// Batch n sets every row crash/item-kkkk@L1 to desired n + 1 in ONE SetDesiredInventoryAsync call, then enqueues
// in-n-j to the inbox and out-n-j to the outbox (j < items-per-batch) concurrently, then prints "committed n". It
// never stops by itself: the test kills it with SIGKILL at an arbitrary point, usually inside a transaction.
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
        rows[k] = new DesiredInventory
        {
            Key = new InventoryKey("crash", $"item-{k:D4}", "L1"),
            Quantity = n + 1,
            Sku = $"SKU-{k}",
        };
    }

    var now = t0.AddSeconds(n);
    await store.SetDesiredInventoryAsync(rows, now);
    // All of the batch's items at once, as concurrent webhooks would arrive: they share group commits.
    var enqueues = new List<Task<bool>>();
    for (var j = 0; j < itemCount; j++)
    {
        var (batch, item) = (n, j);
        enqueues.Add(Task.Run(async () => await store.EnqueueAsync(WorkQueue.Inbox, new WorkItem
        {
            Id = $"in-{batch}-{item}",
            Channel = "crash",
            Kind = "order",
            Payload = $"{{\"n\":{batch},\"j\":{item}}}",
            EnqueuedAt = now,
        })));
        enqueues.Add(Task.Run(async () => await store.EnqueueAsync(WorkQueue.Outbox, new WorkItem
        {
            Id = $"out-{batch}-{item}",
            Channel = "crash",
            Kind = "shipment",
            Payload = $"{{\"n\":{batch},\"j\":{item}}}",
            EnqueuedAt = now,
        })));
    }

    await Task.WhenAll(enqueues);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {n}"));
}
