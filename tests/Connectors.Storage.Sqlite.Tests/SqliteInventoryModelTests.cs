using System.Globalization;
using Connectors.Storage.Sqlite.Tests.Model;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>
/// Model-based (differential) tests of the SQLite store's inventory operations: seeded random sequences of set-desired
/// batches, claims, acknowledgements, reschedules, reads, clock steps and restarts run against the SQLite store and the
/// in-memory store (the reference model) with the same arguments, and must agree after every step. See
/// <see cref="InventoryModelRun"/> for what is compared and why. A failure names its seed; set
/// <c>CONNECTORS_MODEL_SEED</c> to run one more seed (for example a failing one) in every test here.
/// </summary>
public sealed class SqliteInventoryModelTests : IDisposable
{
    private const string SeedVariable = "CONNECTORS_MODEL_SEED";
    private readonly TestDirectory _directory = new();

    /// <summary>The fixed seeds, plus the one from <c>CONNECTORS_MODEL_SEED</c> when set.</summary>
    public static TheoryData<int> Seeds()
    {
        int[] seeds = [1, 42, 20261127];
        var data = new TheoryData<int>(seeds);
        if (int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var extra) && !seeds.Contains(extra))
        {
            data.Add(extra);
        }

        return data;
    }

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomOperations_OneInstanceReopenedAtRandom_MatchesInMemoryModel(int seed)
    {
        AssertExercisedInventoryPaths(await RunAsync(seed, instances: 1, cancelBatches: false, operations: 1_500));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomOperations_TwoInstancesOnOneFile_MatchInMemoryModel(int seed)
    {
        AssertExercisedInventoryPaths(await RunAsync(seed, instances: 2, cancelBatches: false, operations: 1_000));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomOperations_BatchesCancelledMidway_LeaveStoreEqualToModelThatSkipsThem(int seed)
    {
        var run = await RunAsync(seed, instances: 1, cancelBatches: true, operations: 800);

        Assert.True(run.CancelledBatches > 0, $"No batch was cancelled: {run.Summary}");
        Assert.True(run.Batches > 0, $"No batch was stored: {run.Summary}");
    }

    private async Task<InventoryModelRun> RunAsync(int seed, int instances, bool cancelBatches, int operations)
    {
        var run = new InventoryModelRun(seed, _directory.NewDatabase(), instances, cancelBatches);
        await using (run)
        {
            await run.RunAsync(operations, TestContext.Current.CancellationToken);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(run.Summary);
        return run;
    }

    private static void AssertExercisedInventoryPaths(InventoryModelRun run)
    {
        // A run that never reached these states would pass without testing them.
        Assert.True(run.UnchangedRows > 0 && run.RowsChanged > 0 && run.FreshRows > 0, $"Desired batches did not both change and leave rows: {run.Summary}");
        Assert.True(run.CutOffClaims > 0 && run.RowsClaimed > 0, $"No claim left due rows behind: {run.Summary}");
        Assert.True(run.StaleAcknowledgements > 0, $"No acknowledgement was stale: {run.Summary}");
        Assert.True(run.Parked > 0 && run.LeaseEdges > 0, $"No row parked or no lease edge reached: {run.Summary}");
        Assert.True(run.Reopens > 1 && run.RejectedBatches > 0, $"Too few reopens or refused batches: {run.Summary}");
    }
}
