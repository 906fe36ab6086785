using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Tests;

/// <summary>Failures are logged with the exception object, so a bug in a host's port leaves its stack trace.</summary>
public partial class WorkerTests
{
    [Fact]
    public async Task InboxWorker_HostPortThrowsUntypedException_RetryAndDeadLetterLogsCarryTheException()
    {
        var ct = TestContext.Current.CancellationToken;
        var wms = new BuggyWarehouseOrders();
        await using var host = await TestHost.StartAsync(
            o => o.FullSyncOnStart = false,
            services: s =>
            {
                s.AddSingleton<IWarehouseOrders>(wms);
                s.Configure<ConnectorsOptions>(o => o.MaxAttempts = 2);
            });
        host.Channel.Inner.PutOrder(ModelFactory.Order("store-a", "7001", [("S7", 1)], updatedAt: DateTimeOffset.UtcNow));

        await TestHost.EventuallyAsync(() => Task.FromResult(host.Logs.Entries.Any(e => IsEngine(e, 1))), "order 7001 dead-lettered after 2 attempts");

        var retried = host.Logs.Entries.First(e => IsEngine(e, 4001));
        var dead = host.Logs.Entries.First(e => IsEngine(e, 1));
        foreach (var entry in new[] { retried, dead })
        {
            var error = Assert.IsType<InvalidOperationException>(entry.Exception);
            Assert.Contains(nameof(BuggyWarehouseOrders.SubmitOrderAsync), error.StackTrace, StringComparison.Ordinal);
        }

        Assert.Equal(LogLevel.Warning, dead.Level);
        var letter = Assert.Single(await ToListAsync(host.Store.ListDeadLettersAsync("store-a", ct)));
        Assert.Equal(nameof(InvalidOperationException), letter.ErrorType); // the dead letter keeps the type and the message
        Assert.Contains("Sequence contains no elements", letter.Reason, StringComparison.Ordinal);
    }

    private static bool IsEngine(RecordingLoggerProvider.Entry entry, int eventId) =>
        entry.EventId.Id == eventId && entry.Category.StartsWith("Connectors.", StringComparison.Ordinal);

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>A host's WMS port with a bug: every submission throws what <c>First()</c> on an empty list throws.</summary>
    private sealed class BuggyWarehouseOrders : IWarehouseOrders
    {
        public Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(new WarehouseOrderResult
            {
                Outcome = WarehouseOrderOutcome.Accepted,
                WarehouseReference = Array.Empty<string>().First(),
            });

        public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
