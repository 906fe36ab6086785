using Xunit;

namespace Connectors.Testing;

/// <summary>Dead letter counts per channel, as the health check reads them on every probe.</summary>
public abstract partial class SyncStateStoreConformanceTests
{
    /// <summary>Counts are per channel, follow adds, replacements, replays and removals, and leave out empty channels.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CountDeadLetters_CountsPerChannelAsLettersComeAndGo()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.CountDeadLettersAsync(Ct));

        await store.AddDeadLetterAsync(Letter("c1", "shop-a", "unknown item"), Ct);
        await store.AddDeadLetterAsync(Letter("c2", "shop-a", "unknown item"), Ct);
        await store.AddDeadLetterAsync(Letter("c2", "shop-a", "replaced", 2), Ct);
        await store.AddDeadLetterAsync(new DeadLetter
        {
            Id = "c3",
            Channel = "shop-b",
            Flow = "orders",
            Kind = "webhook",
            Reason = "bad body",
            ErrorType = null,
            Payload = "{}",
            Attempts = 1,
            FirstAttemptAt = T0,
            DeadLetteredAt = T0,
            SourceQueue = null,
        }, Ct);
        await store.EnqueueAsync(WorkQueue.Inbox, Item("o1", channel: "shop-b"), Ct);
        await store.ClaimAsync(WorkQueue.Inbox, 1, T0, Lease, null, Ct);
        await store.MoveToDeadLetterAsync(WorkQueue.Inbox, "o1", "orders", "refused", null, T0, Ct);

        var counts = await store.CountDeadLettersAsync(Ct);
        Assert.Equal(2, counts["shop-a"]);
        Assert.Equal(2, counts["shop-b"]);
        Assert.Equal(2, counts.Count);

        Assert.True(await store.RemoveDeadLetterAsync("c3", Ct));
        Assert.True(await store.ReplayDeadLetterAsync("o1", T0.AddMinutes(1), Ct));
        counts = await store.CountDeadLettersAsync(Ct);
        Assert.Equal(2, counts["shop-a"]);
        Assert.False(counts.ContainsKey("shop-b"));
    }
}
