using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>
/// The crash test: a child process writes batches (1,000 inventory rows in one SetDesiredInventoryAsync call, then
/// inbox and outbox items enqueued concurrently, so they share group commits) and prints "committed n" after each; it is killed with SIGKILL, usually mid-transaction.
/// A new store on the file must hold every reported item exactly once and no torn batch.
/// </summary>
public sealed partial class SqliteSyncStateStoreTests
{
    private const int CrashRows = 1000;
    private const int CrashItems = 3;

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(40)]
    public async Task Crash_KilledMidBatch_CommittedWorkSurvivesExactlyOnceWithoutTornBatch(int killAfterBatches)
    {
        var file = _directory.NewDatabase("crash");
        var lastCommitted = await RunChildAndKillAsync(file, killAfterBatches);
        Assert.True(lastCommitted >= killAfterBatches, $"The child reported {lastCommitted} batches; expected at least {killAfterBatches}.");

        var store = await OpenAsync(file);

        // Inventory: every row carries the same batch (no torn batch), at least the last reported one.
        var rows = await ToListAsync(store.ListInventoryAsync("crash", cancellationToken: Ct));
        Assert.Equal(CrashRows, rows.Count);
        var desired = rows.Select(r => r.Desired).Distinct().ToList();
        var batchValue = Assert.Single(desired);
        Assert.InRange(batchValue, lastCommitted + 1, lastCommitted + 2);
        Assert.All(rows, r => Assert.Equal(batchValue, r.Version));
        Assert.All(rows, r => Assert.True(r.IsPending));

        // Queues: every reported item is there once; nothing beyond the batch in flight.
        var inFlight = 0L;
        foreach (var (queue, prefix) in new[] { (WorkQueue.Inbox, "in"), (WorkQueue.Outbox, "out") })
        {
            for (var n = 0; n <= lastCommitted; n++)
            {
                for (var j = 0; j < CrashItems; j++)
                {
                    var item = await store.GetWorkItemAsync(queue, $"{prefix}-{n}-{j}", Ct);
                    Assert.NotNull(item);
                    Assert.Equal(WorkItemStatus.Pending, item.Status);
                    Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{n},\"j\":{j}}}"), item.Payload);
                }
            }

            var partial = 0L;
            for (var j = 0; j < CrashItems; j++)
            {
                partial += await store.GetWorkItemAsync(queue, $"{prefix}-{lastCommitted + 1}-{j}", Ct) is null ? 0 : 1;
            }

            inFlight += partial;
            Assert.Null(await store.GetWorkItemAsync(queue, $"{prefix}-{lastCommitted + 2}-0", Ct));
            Assert.Equal(((lastCommitted + 1) * CrashItems) + partial, await store.CountPendingAsync(queue, "crash", Ct));
        }

        Assert.False(await store.EnqueueAsync(WorkQueue.Inbox, Work("in-0-0", payload: "again", channel: "crash"), Ct));
        Assert.Equal(CrashRows, await store.SetDesiredInventoryAsync(
            [.. rows.Select(r => Desired(r.Key, r.Desired + 100))], T0, Ct));
        Assert.Equal("ok", IntegrityCheck(file));
        TestContext.Current.SendDiagnosticMessage($"Killed after batch {lastCommitted}; inventory at batch {batchValue - 1}; {inFlight} queue items of the batch in flight.");
    }

    [Fact]
    public async Task TwoProcesses_ChildWritesBurstsWhileThisOneClaimsAcknowledgesAndWrites_EveryRowKeepsOneVersionPerChange()
    {
        // The child journals its bursts; this process folds them with every claim and writes rows of its own, so each
        // side keeps finding the file changed by the other (PRAGMA data_version) and must fold and re-read, never
        // trust what it knew. Opening here first creates the schema before the child starts.
        var file = _directory.NewDatabase("two-processes");
        var store = await OpenAsync(file);
        var child = RunChildAndKillAsync(file, killAfterBatches: 30);
        var mine = Enumerable.Range(0, 50).Select(i => new InventoryKey("mine", $"m-{i:D2}", "L1")).ToArray();
        var rounds = 0;

        // A few rounds only: the child goes on writing after them, so this store has bursts left to fold that came
        // after everything it wrote or folded itself.
        while (rounds == 0 || (!child.IsCompleted && rounds < 8))
        {
            rounds++;
            Assert.Equal(mine.Length, await store.SetDesiredInventoryAsync([.. mine.Select(k => Desired(k, rounds))], T0.AddSeconds(rounds), Ct));
            var claimed = await store.ClaimPendingInventoryAsync("crash", CrashRows, T0.AddHours(1), TimeSpan.FromMilliseconds(1), Ct);
            await store.AcknowledgeInventoryAsync([.. claimed.Select(r => new InventoryAcknowledgement(r.Key, r.Desired))], Ct);
        }

        var lastCommitted = await child;

        // First through this very store, which must see the child's last bursts though it journalled nothing since its
        // last claim; then through a new one.
        await AssertRowsAsync(store);
        store.Dispose();
        await AssertRowsAsync(await OpenAsync(file));

        async Task AssertRowsAsync(SqliteSyncStateStore reader)
        {
            var crash = await ToListAsync(reader.ListInventoryAsync("crash", cancellationToken: Ct));
            Assert.Equal(CrashRows, crash.Count);
            var batchValue = Assert.Single(crash.Select(r => r.Desired).Distinct());
            Assert.InRange(batchValue, lastCommitted + 1, lastCommitted + 2);
            Assert.All(crash, r => Assert.Equal(batchValue, r.Version));
            var own = await ToListAsync(reader.ListInventoryAsync("mine", cancellationToken: Ct));
            Assert.All(own, r => Assert.Equal((rounds, (long)rounds), (r.Desired, r.Version)));
            Assert.Equal(mine.Length, own.Count);
        }
        TestContext.Current.SendDiagnosticMessage($"{rounds} rounds beside the child, killed after batch {lastCommitted}.");
    }

    private static async Task<int> RunChildAndKillAsync(string file, int killAfterBatches)
    {
        var host = typeof(SqliteSyncStateStoreTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashHostPath").Value!;
        Assert.True(File.Exists(host), $"The crash host was not built at {host}.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(file);
        start.ArgumentList.Add(CrashRows.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(CrashItems.ToString(CultureInfo.InvariantCulture));

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync(Ct);
        var lastCommitted = -1;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    lastCommitted = int.Parse(line.AsSpan("committed ".Length), CultureInfo.InvariantCulture);
                    if (lastCommitted >= killAfterBatches)
                    {
                        child.Kill(); // SIGKILL on Linux: no finally blocks, no flush, no rollback.
                        break;
                    }
                }
            }
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }

        // Lines the child wrote before it died are commits too: read the pipe to its end.
        while (await child.StandardOutput.ReadLineAsync(Ct) is { } line)
        {
            if (line.StartsWith("committed ", StringComparison.Ordinal))
            {
                lastCommitted = int.Parse(line.AsSpan("committed ".Length), CultureInfo.InvariantCulture);
            }
        }

        await child.WaitForExitAsync(Ct);
        Assert.True(lastCommitted >= 0, $"The crash host reported no batch. stderr: {await stderr}");
        return lastCommitted;
    }

    private static string IntegrityCheck(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
