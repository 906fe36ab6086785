namespace Connectors.Storage.Sqlite.Tests;

/// <summary>Concurrent <see cref="SqliteSyncStateStore.EnqueueAsync"/> calls share transactions (group commit).</summary>
public sealed partial class SqliteSyncStateStoreTests
{
    [Fact]
    public async Task Enqueue_ManyConcurrentCallsWithRepeatedIds_AddsEachIdOnceAndAnswersEveryCall()
    {
        var file = _directory.NewDatabase();
        var store = await OpenAsync(file);

        // 600 calls at once over 400 ids: every id added by exactly one call, every other call told "duplicate".
        var calls = Enumerable.Range(0, 600).Select(i => Task.Run(
            async () => (Id: $"o-{i % 400}", Added: await store.EnqueueAsync(WorkQueue.Inbox, Work($"o-{i % 400}", payload: $"{{\"n\":{i}}}"), Ct)),
            Ct));
        var results = await Task.WhenAll(calls);

        Assert.All(results.GroupBy(r => r.Id), g => Assert.Equal(1, g.Count(r => r.Added)));
        Assert.Equal(400L, await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));

        // Committed, not just answered: a new instance on the file sees every item.
        store.Dispose();
        var reopened = await OpenAsync(file);
        Assert.Equal(400L, await reopened.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
    }

    [Fact]
    public async Task Enqueue_StoreDisposedWhileCallsWait_EveryCallFailsInsteadOfHanging()
    {
        var store = await OpenAsync(_directory.NewDatabase());
        var calls = Enumerable.Range(0, 200)
            .Select(i => Task.Run(async () => await store.EnqueueAsync(WorkQueue.Outbox, Work($"s-{i}", "shipment"), Ct), Ct))
            .ToArray();
        store.Dispose();

        foreach (var call in calls)
        {
            // Each call either made it into a commit before the store closed, or fails with the closed store.
            try
            {
                Assert.True(await call.WaitAsync(TimeSpan.FromSeconds(30), Ct));
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
