using Xunit;

namespace Connectors.Testing;

/// <summary>
/// The behaviour every <see cref="ISyncStateStore"/> must have. Derive a test class, return a fresh, empty store
/// from <see cref="CreateStoreAsync"/>, and, for a durable store, override <see cref="ReopenAsync"/> to open a
/// second instance over the same data: the suite then also proves that nothing is lost across a restart.
/// Times are whole milliseconds in UTC, so stores may keep millisecond precision.
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    /// <summary>The instant the suite counts from.</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>The cancellation token of the running test.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a fresh, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<ISyncStateStore> CreateStoreAsync();

    /// <summary>Opens a second instance over the same data as <paramref name="store"/>, as a restarted process would; <see langword="null"/> for a store that is not durable.</summary>
    /// <param name="store">The store created by <see cref="CreateStoreAsync"/>.</param>
    /// <returns>The reopened store, or <see langword="null"/>.</returns>
    protected virtual ValueTask<ISyncStateStore?> ReopenAsync(ISyncStateStore store) => ValueTask.FromResult<ISyncStateStore?>(null);

    private static InventoryKey Key(string item, string channel = "a", string location = "L1") => new(channel, item, location);

    /// <summary>An inventory dead letter first seen at <see cref="T0"/>, as the dead-letter tests store them.</summary>
    private static DeadLetter Letter(string id, string channel, string reason, int attempts = 1, DateTimeOffset? deadLetteredAt = null) => new()
    {
        Id = id,
        Channel = channel,
        Flow = "inventory",
        Kind = "target",
        Reason = reason,
        Payload = "{}",
        Attempts = attempts,
        FirstAttemptAt = T0,
        DeadLetteredAt = deadLetteredAt ?? T0,
    };

    /// <summary>An order record whose <see cref="OrderRecord.UpdatedAt"/> is its version, as the order-record tests store them.</summary>
    private static OrderRecord Record(string channel, string orderId, DateTimeOffset version, OrderRecordStatus status, string? warehouseReference = null, string? payload = null) => new()
    {
        Channel = channel,
        OrderId = orderId,
        Version = version,
        Status = status,
        WarehouseReference = warehouseReference,
        Payload = payload,
        UpdatedAt = version,
    };

    private static WorkItem Item(string id, string channel = "a", DateTimeOffset? at = null, string payload = "{}") =>
        new() { Id = id, Channel = channel, Kind = "order", Payload = payload, EnqueuedAt = at ?? T0 };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(Ct))
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>A new row is pending, version 1, due at once.</summary>
    [Fact]
    public async Task SetDesired_NewRow_IsPendingAtVersionOne()
    {
        var store = await CreateStoreAsync();
        var changed = await store.SetDesiredInventoryAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 5,
            Sku = "SKU1",
        }], T0, Ct);

        Assert.Equal(1, changed);
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.NotNull(row);
        Assert.Equal(5, row.Desired);
        Assert.Null(row.Acknowledged);
        Assert.Equal(1, row.Version);
        Assert.Equal("SKU1", row.Sku);
        Assert.Equal(T0, row.NextAttemptAt);
        Assert.True(row.IsPending);
    }

    /// <summary>Setting the same quantity again changes nothing: that is what makes bursts coalesce.</summary>
    [Fact]
    public async Task SetDesired_SameQuantity_LeavesRowUnchanged()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        var changed = await store.SetDesiredInventoryAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 5,
        }], T0.AddSeconds(5), Ct);

        Assert.Equal(0, changed);
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(1, row!.Version);
        Assert.Equal(T0, row.UpdatedAt);
    }

    /// <summary>A batch is atomic: a negative quantity anywhere in it refuses the whole batch, rows before it included.</summary>
    [Fact]
    public async Task SetDesired_NegativeQuantityInBatch_StoresNothing()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("known"), Quantity = 1 }], T0, Ct);

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.SetDesiredInventoryAsync(
            [new DesiredInventory { Key = Key("known"), Quantity = 2 }, new DesiredInventory { Key = Key("new"), Quantity = 3 }, new DesiredInventory
            {
                Key = Key("bad"),
                Quantity = -1,
            }], T0.AddSeconds(1), Ct));

        Assert.Equal(nameof(DesiredInventory.Quantity), error.FieldPath);
        Assert.Null(await store.GetInventoryAsync(Key("new"), Ct));
        Assert.Null(await store.GetInventoryAsync(Key("bad"), Ct));
        var known = await store.GetInventoryAsync(Key("known"), Ct);
        Assert.Equal((1, 1L), (known!.Desired, known.Version));
    }

    /// <summary>Within one batch the last entry for a key wins.</summary>
    [Fact]
    public async Task SetDesired_KeyRepeatedInBatch_LastWins()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync(
            [new DesiredInventory { Key = Key("i1"), Quantity = 1 }, new DesiredInventory { Key = Key("i1"), Quantity = 2 }, new DesiredInventory
            {
                Key = Key("i1"),
                Quantity = 3,
            }], T0, Ct);

        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(3, row!.Desired);
    }

    /// <summary>Claims take only the channel's due, unleased, pending rows, up to the limit.</summary>
    [Fact]
    public async Task ClaimPendingInventory_TakesDueRowsOfChannelUpToLimit()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync(
            [.. Enumerable.Range(0, 5).Select(i => new DesiredInventory { Key = Key($"i{i}"), Quantity = i }), new DesiredInventory
            {
                Key = Key("x", channel: "b"),
                Quantity = 1,
            }], T0, Ct);

        var first = await store.ClaimPendingInventoryAsync("a", 3, T0, Lease, Ct);
        var second = await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        var third = await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);

        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(third);
        Assert.All(first.Concat(second), r => Assert.Equal("a", r.Key.Channel));
        Assert.Equal(5, first.Concat(second).Select(r => r.Key).Distinct().Count());
    }

    /// <summary>A leased row comes back to another claim only after the lease runs out.</summary>
    [Fact]
    public async Task ClaimPendingInventory_LeaseExpires_RowIsClaimableAgain()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct));

        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0 + Lease - TimeSpan.FromSeconds(1), Lease, Ct));
        await AdvanceLeaseClockAsync(store, Lease);
        Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0 + Lease, Lease, Ct));
    }

    /// <summary>Acknowledging the desired quantity settles the row; it is no longer claimed.</summary>
    [Fact]
    public async Task AcknowledgeInventory_DesiredQuantity_RowIsNoLongerPending()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);

        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i1"), 5)], Ct);

        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(5, row!.Acknowledged);
        Assert.False(row.IsPending);
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddHours(1), Lease, Ct));
        Assert.Empty(await ToListAsync(store.ListInventoryAsync("a", pendingOnly: true, Ct)));
    }

    /// <summary>A quantity that changed while its push was in flight stays pending after the old value is acknowledged.</summary>
    [Fact]
    public async Task AcknowledgeInventory_DesiredChangedDuringPush_RowStaysPending()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        var claimed = await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 7 }], T0.AddSeconds(1), Ct);

        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(claimed[0].Key, claimed[0].Desired)], Ct);

        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(5, row!.Acknowledged);
        Assert.Equal(7, row.Desired);
        Assert.Equal(2, row.Version);
        var again = Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(1), Lease, Ct));
        Assert.Equal(7, again.Desired);
    }

    /// <summary>A rescheduled row counts the attempt, keeps the error and is not due before its time.</summary>
    [Fact]
    public async Task RescheduleInventory_DelaysRowAndCountsAttempt()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);

        await store.RescheduleInventoryAsync([Key("i1")], T0.AddSeconds(30), "503 from channel", Ct);

        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(1, row!.Attempts);
        Assert.Equal("503 from channel", row.LastError);
        Assert.Equal(T0.AddSeconds(30), row.NextAttemptAt);
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(29), Lease, Ct));
        Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(30), Lease, Ct));
    }

    /// <summary>A parked row (rejected for good) waits until its desired quantity changes.</summary>
    [Fact]
    public async Task RescheduleInventory_Parked_ResumesWhenDesiredChanges()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        await store.RescheduleInventoryAsync([Key("i1")], DateTimeOffset.MaxValue, "unknown item", Ct);
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddYears(1), Lease, Ct));

        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 6 }], T0.AddMinutes(1), Ct);

        var row = Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(1), Lease, Ct));
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LastError);
    }

    /// <summary>Listing is ordered by item then location and can be limited to pending rows.</summary>
    [Fact]
    public async Task ListInventory_OrderedByItemAndLocation_FiltersPending()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync(
            [new DesiredInventory { Key = Key("b", location: "L2"), Quantity = 1 }, new DesiredInventory
            {
                Key = Key("b", location: "L1"),
                Quantity = 1,
            }, new DesiredInventory
            {
                Key = Key("a"),
                Quantity = 1,
            }, new DesiredInventory
            {
                Key = Key("z", channel: "other"),
                Quantity = 1,
            }],
            T0,
            Ct);
        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("a"), 1)], Ct);

        var all = await ToListAsync(store.ListInventoryAsync("a", cancellationToken: Ct));
        var pending = await ToListAsync(store.ListInventoryAsync("a", pendingOnly: true, Ct));

        Assert.Equal(["a@L1", "b@L1", "b@L2"], all.Select(r => $"{r.Key.ChannelItemId}@{r.Key.LocationId}"));
        Assert.Equal(["b@L1", "b@L2"], pending.Select(r => $"{r.Key.ChannelItemId}@{r.Key.LocationId}"));
    }

    /// <summary>An id is accepted once per queue, whatever became of the first item.</summary>
    [Fact]
    public async Task Enqueue_DuplicateId_IsRefusedEvenAfterCompletion()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.EnqueueAsync(WorkQueue.Inbox, Item("o1"), Ct));
        Assert.False(await store.EnqueueAsync(WorkQueue.Inbox, Item("o1", payload: "changed"), Ct));

        await store.ClaimAsync(WorkQueue.Inbox, 10, T0, Lease, cancellationToken: Ct);
        await store.CompleteAsync(WorkQueue.Inbox, "o1", T0, Ct);

        Assert.False(await store.EnqueueAsync(WorkQueue.Inbox, Item("o1"), Ct));
        var stored = await store.GetWorkItemAsync(WorkQueue.Inbox, "o1", Ct);
        Assert.Equal("{}", stored!.Payload);
        Assert.Equal(WorkItemStatus.Completed, stored.Status);
    }

    /// <summary>The inbox and outbox are separate: one id may be in both.</summary>
    [Fact]
    public async Task Enqueue_SameIdInOtherQueue_IsAccepted()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.EnqueueAsync(WorkQueue.Inbox, Item("x"), Ct));
        Assert.True(await store.EnqueueAsync(WorkQueue.Outbox, Item("x"), Ct));
    }

    /// <summary>Claims go oldest enqueued first, count an attempt, and filter by channel.</summary>
    [Fact]
    public async Task Claim_OldestFirst_CountsAttemptAndFiltersChannel()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(WorkQueue.Outbox, Item("late", at: T0.AddSeconds(2)), Ct);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("early", at: T0), Ct);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("other", channel: "b", at: T0.AddSeconds(1)), Ct);

        var claimed = await store.ClaimAsync(WorkQueue.Outbox, 10, T0.AddSeconds(5), Lease, "a", Ct);

        Assert.Equal(["early", "late"], claimed.Select(i => i.Id));
        Assert.All(claimed, i => Assert.Equal(1, i.Attempts));
        var remaining = await store.ClaimAsync(WorkQueue.Outbox, 10, T0.AddSeconds(5), Lease, cancellationToken: Ct);
        Assert.Equal(["other"], remaining.Select(i => i.Id));
    }

    /// <summary>An item whose worker died comes back after the lease, with a second attempt counted.</summary>
    [Fact]
    public async Task Claim_LeaseExpires_ItemIsClaimedAgain()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(WorkQueue.Inbox, Item("o1"), Ct);
        Assert.Single(await store.ClaimAsync(WorkQueue.Inbox, 10, T0, Lease, cancellationToken: Ct));

        Assert.Empty(await store.ClaimAsync(WorkQueue.Inbox, 10, T0.AddSeconds(59), Lease, cancellationToken: Ct));
        await AdvanceLeaseClockAsync(store, Lease);
        var again = Assert.Single(await store.ClaimAsync(WorkQueue.Inbox, 10, T0 + Lease, Lease, cancellationToken: Ct));
        Assert.Equal(2, again.Attempts);
    }

    /// <summary>A rescheduled item is not due before its time and keeps its error.</summary>
    [Fact]
    public async Task Reschedule_ItemDueLater_KeepsError()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(WorkQueue.Inbox, Item("o1"), Ct);
        await store.ClaimAsync(WorkQueue.Inbox, 10, T0, Lease, cancellationToken: Ct);

        await store.RescheduleAsync(WorkQueue.Inbox, "o1", T0.AddSeconds(10), "WMS down", Ct);

        Assert.Empty(await store.ClaimAsync(WorkQueue.Inbox, 10, T0.AddSeconds(9), Lease, cancellationToken: Ct));
        var again = Assert.Single(await store.ClaimAsync(WorkQueue.Inbox, 10, T0.AddSeconds(10), Lease, cancellationToken: Ct));
        Assert.Equal("WMS down", again.LastError);
        Assert.Equal(1, await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
    }

    /// <summary>Dead-lettering marks the item and stores the letter with payload, reason and attempts, in one step.</summary>
    [Fact]
    public async Task MoveToDeadLetter_StoresLetterAndMarksItem()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(WorkQueue.Inbox, Item("o1", payload: "{\"id\":1}"), Ct);
        await store.ClaimAsync(WorkQueue.Inbox, 10, T0, Lease, cancellationToken: Ct);

        var letter = await store.MoveToDeadLetterAsync(WorkQueue.Inbox, "o1", "orders", "Lines[0].ChannelItemId not mapped", "MappingException", T0.AddSeconds(1), Ct);

        Assert.NotNull(letter);
        var stored = await store.GetDeadLetterAsync("o1", Ct);
        Assert.NotNull(stored);
        Assert.Equal("{\"id\":1}", stored.Payload);
        Assert.Equal("Lines[0].ChannelItemId not mapped", stored.Reason);
        Assert.Equal("MappingException", stored.ErrorType);
        Assert.Equal("orders", stored.Flow);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(T0.AddSeconds(1), stored.DeadLetteredAt);
        Assert.Equal(WorkQueue.Inbox, stored.SourceQueue);
        Assert.Equal(WorkItemStatus.DeadLettered, (await store.GetWorkItemAsync(WorkQueue.Inbox, "o1", Ct))!.Status);
        Assert.Empty(await store.ClaimAsync(WorkQueue.Inbox, 10, T0.AddHours(1), Lease, cancellationToken: Ct));
        Assert.Equal(0, await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
        Assert.Null(await store.MoveToDeadLetterAsync(WorkQueue.Inbox, "missing", "orders", "x", null, T0, Ct));
    }

    /// <summary>Replaying a dead letter puts its item back on the normal path with fresh attempts.</summary>
    [Fact]
    public async Task ReplayDeadLetter_RequeuesItemAndRemovesLetter()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        await store.ClaimAsync(WorkQueue.Outbox, 10, T0, Lease, cancellationToken: Ct);
        await store.MoveToDeadLetterAsync(WorkQueue.Outbox, "s1", "fulfillment", "404", null, T0, Ct);

        Assert.True(await store.ReplayDeadLetterAsync("s1", T0.AddMinutes(1), Ct));

        Assert.Null(await store.GetDeadLetterAsync("s1", Ct));
        var again = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0.AddMinutes(1), Lease, cancellationToken: Ct));
        Assert.Equal(1, again.Attempts);
        Assert.False(await store.ReplayDeadLetterAsync("s1", T0, Ct));
    }

    /// <summary>Dead letters added directly (inventory) are upserted, listed oldest first per channel, and removable.</summary>
    [Fact]
    public async Task DeadLetters_AddListRemove()
    {
        var store = await CreateStoreAsync();
        await store.AddDeadLetterAsync(new DeadLetter
        {
            Id = "d2",
            Channel = "a",
            Flow = "inventory",
            Kind = "target",
            Reason = "unknown item",
            ErrorType = "NOT_FOUND",
            Payload = "{}",
            Attempts = 1,
            FirstAttemptAt = T0,
            DeadLetteredAt = T0.AddSeconds(2),
            SourceQueue = null,
        }, Ct);
        await store.AddDeadLetterAsync(Letter("d1", "a", "first", 1, T0.AddSeconds(1)), Ct);
        await store.AddDeadLetterAsync(Letter("d1", "a", "replaced", 2, T0.AddSeconds(1)), Ct);
        await store.AddDeadLetterAsync(Letter("d3", "b", "x"), Ct);

        var forA = await ToListAsync(store.ListDeadLettersAsync("a", Ct));
        Assert.Equal(["d1", "d2"], forA.Select(d => d.Id));
        Assert.Equal("replaced", forA[0].Reason);
        Assert.Equal(3, (await ToListAsync(store.ListDeadLettersAsync(cancellationToken: Ct))).Count);
        Assert.False(await store.ReplayDeadLetterAsync("d1", T0, Ct));

        Assert.True(await store.RemoveDeadLetterAsync("d1", Ct));
        Assert.False(await store.RemoveDeadLetterAsync("d1", Ct));
        Assert.Null(await store.GetDeadLetterAsync("d1", Ct));
    }

    /// <summary>Cursors are set only by a writer that read the current version.</summary>
    [Fact]
    public async Task TrySetCursor_StaleVersion_IsRefused()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetCursorAsync("a", "orders", Ct));

        Assert.True(await store.TrySetCursorAsync("a", "orders", "v1", 0, Ct));
        Assert.False(await store.TrySetCursorAsync("a", "orders", "v-stale", 0, Ct));
        Assert.True(await store.TrySetCursorAsync("a", "orders", "v2", 1, Ct));

        var cursor = await store.GetCursorAsync("a", "orders", Ct);
        Assert.Equal("v2", cursor!.Value);
        Assert.Equal(2, cursor.Version);
        Assert.Null(await store.GetCursorAsync("b", "orders", Ct));
    }

    /// <summary>An idempotency key is new once.</summary>
    [Fact]
    public async Task TryAddIdempotencyKey_SecondTime_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.TryAddIdempotencyKeyAsync("delivery:a:123", T0, Ct));
        Assert.False(await store.TryAddIdempotencyKeyAsync("delivery:a:123", T0.AddSeconds(1), Ct));
        Assert.True(await store.TryAddIdempotencyKeyAsync("delivery:a:124", T0, Ct));
    }

    /// <summary>Order records are stored, replaced and listed by order id per channel.</summary>
    [Fact]
    public async Task OrderRecords_UpsertGetList()
    {
        var store = await CreateStoreAsync();
        await store.UpsertOrderRecordAsync(Record("a", "2", T0, OrderRecordStatus.Held), Ct);
        await store.UpsertOrderRecordAsync(Record("a", "1", T0, OrderRecordStatus.Received, null, "{}"), Ct);
        await store.UpsertOrderRecordAsync(Record("a", "2", T0.AddMinutes(1), OrderRecordStatus.Submitted, "WMS-2", "{\"v\":2}"), Ct);
        await store.UpsertOrderRecordAsync(Record("b", "1", T0, OrderRecordStatus.Received), Ct);

        var record = await store.GetOrderRecordAsync("a", "2", Ct);
        Assert.Equal(Record("a", "2", T0.AddMinutes(1), OrderRecordStatus.Submitted, "WMS-2", "{\"v\":2}"), record);
        Assert.Equal(["1", "2"], (await ToListAsync(store.ListOrderRecordsAsync("a", Ct))).Select(r => r.OrderId));
        Assert.Null(await store.GetOrderRecordAsync("a", "3", Ct));
    }

    /// <summary>Reservations open, replace, list and close.</summary>
    [Fact]
    public async Task Reservations_SetListRemove()
    {
        var store = await CreateStoreAsync();
        await store.SetReservationAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "1",
            Quantities = [new ReservedQuantity("S1", 2m)],
            CreatedAt = T0,
        }, Ct);
        await store.SetReservationAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "1",
            Quantities = [new ReservedQuantity("S1", 3m), new ReservedQuantity("S2", 0.5m)],
            CreatedAt = T0,
        }, Ct);
        await store.SetReservationAsync(new PendingReservation
        {
            Channel = "b",
            OrderId = "9",
            Quantities = [new ReservedQuantity("S1", 1m)],
            CreatedAt = T0,
        }, Ct);

        var all = await ToListAsync(store.ListReservationsAsync(Ct));
        Assert.Equal(2, all.Count);
        var first = all.Single(r => r.Channel == "a");
        Assert.Equal([("S1", 3m), ("S2", 0.5m)], first.Quantities.Select(q => (q.Sku, q.Quantity)));

        Assert.True(await store.RemoveReservationAsync("a", "1", Ct));
        Assert.False(await store.RemoveReservationAsync("a", "1", Ct));
        Assert.Single(await ToListAsync(store.ListReservationsAsync(Ct)));
    }

    /// <summary>Pruning removes old completed items and keys, never pending or dead-lettered work.</summary>
    [Fact]
    public async Task Prune_RemovesOldCompletedItemsAndKeysOnly()
    {
        var store = await CreateStoreAsync();
        await store.EnqueueAsync(WorkQueue.Inbox, Item("done-old"), Ct);
        await store.EnqueueAsync(WorkQueue.Inbox, Item("done-new"), Ct);
        await store.EnqueueAsync(WorkQueue.Inbox, Item("pending"), Ct);
        await store.EnqueueAsync(WorkQueue.Inbox, Item("dead"), Ct);
        await store.CompleteAsync(WorkQueue.Inbox, "done-old", T0, Ct);
        await store.CompleteAsync(WorkQueue.Inbox, "done-new", T0.AddDays(2), Ct);
        await store.MoveToDeadLetterAsync(WorkQueue.Inbox, "dead", "orders", "bad", null, T0, Ct);
        await store.TryAddIdempotencyKeyAsync("old", T0, Ct);
        await store.TryAddIdempotencyKeyAsync("new", T0.AddDays(2), Ct);

        var removed = await store.PruneAsync(T0.AddDays(1), Ct);

        Assert.Equal(2, removed);
        Assert.Null(await store.GetWorkItemAsync(WorkQueue.Inbox, "done-old", Ct));
        Assert.NotNull(await store.GetWorkItemAsync(WorkQueue.Inbox, "done-new", Ct));
        Assert.NotNull(await store.GetWorkItemAsync(WorkQueue.Inbox, "pending", Ct));
        Assert.NotNull(await store.GetWorkItemAsync(WorkQueue.Inbox, "dead", Ct));
        Assert.True(await store.TryAddIdempotencyKeyAsync("old", T0.AddDays(3), Ct));
        Assert.False(await store.TryAddIdempotencyKeyAsync("new", T0.AddDays(3), Ct));
    }

    /// <summary>
    /// A per-order lock row left by a holder that died (a cursor <c>order-lock|{order}</c> whose value ends in
    /// <c>|{expiry ticks}</c>) is removed once it expired before the cut-off; a live lock and other cursors stay.
    /// </summary>
    [Fact]
    public async Task Prune_OrderLockRowExpiredBeforeCutOff_RemovedLiveLockAndOtherCursorsKept()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.TrySetCursorAsync("shop", "order-lock|dead", "a|" + T0.AddMinutes(1).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, Ct));
        Assert.True(await store.TrySetCursorAsync("shop", "order-lock|live", "b|" + T0.AddDays(2).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, Ct));
        Assert.True(await store.TrySetCursorAsync("shop", "orders", "c|1", 0, Ct));

        await store.PruneAsync(T0.AddDays(1), Ct);

        Assert.Null(await store.GetCursorAsync("shop", "order-lock|dead", Ct));
        Assert.NotNull(await store.GetCursorAsync("shop", "order-lock|live", Ct));
        Assert.NotNull(await store.GetCursorAsync("shop", "orders", Ct));
    }

    /// <summary>Workers claiming at once never receive the same item twice.</summary>
    [Fact]
    public async Task Claim_ConcurrentWorkers_NeverShareAnItem()
    {
        var store = await CreateStoreAsync();
        for (var i = 0; i < 200; i++)
        {
            await store.EnqueueAsync(WorkQueue.Inbox, Item($"o{i:D3}", at: T0.AddMilliseconds(i)), Ct);
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            async () =>
            {
                var mine = new List<string>();
                while (true)
                {
                    var batch = await store.ClaimAsync(WorkQueue.Inbox, 7, T0.AddSeconds(1), Lease, cancellationToken: Ct);
                    if (batch.Count == 0)
                    {
                        return mine;
                    }

                    mine.AddRange(batch.Select(b => b.Id));
                }
            },
            Ct)));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }

    /// <summary>A durable store keeps everything across a restart (skipped for stores that are not durable).</summary>
    [Fact]
    public async Task Reopen_DurableStore_KeepsAllState()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 4,
            Sku = "S1",
        }, new DesiredInventory
        {
            Key = Key("i2"),
            Quantity = 2,
        }], T0, Ct);
        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i2"), 2)], Ct);
        await store.EnqueueAsync(WorkQueue.Inbox, Item("o1", payload: "{\"a\":1}"), Ct);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        await store.MoveToDeadLetterAsync(WorkQueue.Outbox, "s1", "fulfillment", "bad", null, T0, Ct);
        await store.TrySetCursorAsync("a", "orders", "c1", 0, Ct);
        await store.TryAddIdempotencyKeyAsync("k1", T0, Ct);
        await store.UpsertOrderRecordAsync(Record("a", "1", T0, OrderRecordStatus.Submitted, "W1"), Ct);
        await store.SetReservationAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "2",
            Quantities = [new ReservedQuantity("S1", 1m)],
            CreatedAt = T0,
        }, Ct);

        var reopened = await ReopenAsync(store);
        Assert.SkipWhen(reopened is null, "This store is not durable.");

        Assert.True((await reopened!.GetInventoryAsync(Key("i1"), Ct))!.IsPending);
        Assert.False((await reopened.GetInventoryAsync(Key("i2"), Ct))!.IsPending);
        Assert.Equal("{\"a\":1}", (await reopened.GetWorkItemAsync(WorkQueue.Inbox, "o1", Ct))!.Payload);
        Assert.NotNull(await reopened.GetDeadLetterAsync("s1", Ct));
        Assert.Equal("c1", (await reopened.GetCursorAsync("a", "orders", Ct))!.Value);
        Assert.False(await reopened.TryAddIdempotencyKeyAsync("k1", T0, Ct));
        Assert.Equal("W1", (await reopened.GetOrderRecordAsync("a", "1", Ct))!.WarehouseReference);
        Assert.Single(await ToListAsync(reopened.ListReservationsAsync(Ct)));
        Assert.False(await reopened.EnqueueAsync(WorkQueue.Inbox, Item("o1"), Ct));
    }
}
