using System.Runtime.CompilerServices;

namespace Connectors.State;

/// <summary>
/// An <see cref="ISyncStateStore"/> in process memory: fast and exact, but everything is lost when the process
/// ends. For tests, benchmarks and hosts that rebuild their state on start; use the SQLite or PostgreSQL store
/// when nothing may be lost. Thread-safe: every call holds one lock, so every batch is atomic. Implements
/// <see cref="IStockBookStore"/>, so several engines over one instance share the stock book and oversell windows.
/// </summary>
public sealed partial class InMemorySyncStateStore : ISyncStateStore, IOwnedWorkItemStore, IOwnedInventoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<InventoryKey, InventoryEntry> _inventory = [];
    private readonly Dictionary<string, HashSet<InventoryKey>> _pendingByChannel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueEntry>[] _queues = [new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly Dictionary<string, DeadLetter> _deadLetters = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Name), SyncCursor> _cursors = [];
    private readonly Dictionary<string, DateTimeOffset> _idempotencyKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string OrderId), OrderRecord> _orders = [];
    private readonly Dictionary<(string Channel, string OrderId), PendingReservation> _reservations = [];
    private long _sequence;

    /// <inheritdoc />
    public ValueTask<int> SetDesiredInventoryAsync(IReadOnlyList<DesiredInventory> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // Every row is checked before any is stored: a batch is atomic, as in the durable stores.
        foreach (var row in rows)
        {
            if (row.Quantity < 0)
            {
                throw new ConnectorValidationException(nameof(DesiredInventory.Quantity), $"of {row.Key} must not be negative (was {row.Quantity}).");
            }
        }

        var changed = 0;
        lock (_gate)
        {
            foreach (var row in rows)
            {
                if (_inventory.TryGetValue(row.Key, out var entry))
                {
                    if (entry.Desired == row.Quantity)
                    {
                        continue;
                    }

                    entry.ChangeDesired(row, now);
                }
                else
                {
                    entry = new InventoryEntry(row.Key) { Desired = row.Quantity, Version = 1, NextAttemptAt = now, UpdatedAt = now, Sku = row.Sku };
                    _inventory.Add(row.Key, entry);
                }

                changed++;
                TrackPending(entry);
            }
        }

        return ValueTask.FromResult(changed);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InventoryRow>> ClaimPendingInventoryAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        lock (_gate)
        {
            if (!_pendingByChannel.TryGetValue(channel, out var pending) || pending.Count == 0)
            {
                return ValueTask.FromResult<IReadOnlyList<InventoryRow>>([]);
            }

            var due = new List<InventoryEntry>();
            foreach (var key in pending)
            {
                var entry = _inventory[key];
                if (entry.NextAttemptAt <= now && entry.LeaseUntil <= now)
                {
                    due.Add(entry);
                }
            }

            if (due.Count > maxRows)
            {
                due.Sort(static (a, b) => a.NextAttemptAt.CompareTo(b.NextAttemptAt));
                due.RemoveRange(maxRows, due.Count - maxRows);
            }

            var claimed = new InventoryRow[due.Count];
            var token = NewLeaseToken();
            for (var i = 0; i < due.Count; i++)
            {
                due[i].LeaseUntil = now + lease;
                due[i].LeaseOwner = token;
                claimed[i] = due[i].ToRow() with { LeaseToken = token };
            }

            return ValueTask.FromResult<IReadOnlyList<InventoryRow>>(claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask AcknowledgeInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        lock (_gate)
        {
            foreach (var ack in acknowledgements)
            {
                if (_inventory.TryGetValue(ack.Key, out var entry))
                {
                    entry.Acknowledged = ack.Quantity;
                    entry.LeaseUntil = DateTimeOffset.MinValue;
                    entry.LeaseOwner = null;
                    entry.Attempts = 0;
                    entry.LastError = null;
                    TrackPending(entry);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RescheduleInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_inventory.TryGetValue(key, out var entry))
                {
                    entry.Attempts++;
                    entry.NextAttemptAt = nextAttemptAt;
                    entry.LeaseUntil = DateTimeOffset.MinValue;
                    entry.LeaseOwner = null;
                    entry.LastError = reason;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> ResumeInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var resumed = 0;
        lock (_gate)
        {
            foreach (var key in keys.Distinct())
            {
                if (_inventory.TryGetValue(key, out var entry) && entry.IsPending)
                {
                    entry.Attempts = 0;
                    entry.NextAttemptAt = now;
                    entry.LastError = null;
                    resumed++;
                }
            }
        }

        return ValueTask.FromResult(resumed);
    }

    /// <inheritdoc />
    public ValueTask<InventoryRow?> GetInventoryAsync(InventoryKey key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_inventory.TryGetValue(key, out var entry) ? entry.ToRow() : null);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<InventoryRow> ListInventoryAsync(string channel, bool pendingOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        InventoryRow[] rows;
        lock (_gate)
        {
            rows = [.. _inventory.Values
                .Where(e => string.Equals(e.Key.Channel, channel, StringComparison.Ordinal) && (!pendingOnly || e.IsPending))
                .OrderBy(e => e.Key.ChannelItemId, StringComparer.Ordinal)
                .ThenBy(e => e.Key.LocationId, StringComparer.Ordinal)
                .Select(e => e.ToRow())];
        }

        return Yield(rows, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> EnqueueAsync(WorkQueue queue, WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            var items = _queues[(int)queue];
            if (items.ContainsKey(item.Id))
            {
                return ValueTask.FromResult(false);
            }

            var stored = item with { Attempts = 0, NextAttemptAt = item.EnqueuedAt, Status = WorkItemStatus.Pending, LastError = null };
            items.Add(item.Id, new QueueEntry(stored, ++_sequence));
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WorkItem>> ClaimAsync(WorkQueue queue, int maxItems, DateTimeOffset now, TimeSpan lease, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxItems);
        lock (_gate)
        {
            var claimed = _queues[(int)queue].Values
                .Where(e => e.Item.Status == WorkItemStatus.Pending
                    && e.Item.NextAttemptAt <= now
                    && e.LeaseUntil <= now
                    && (channel is null || string.Equals(e.Item.Channel, channel, StringComparison.Ordinal)))
                .OrderBy(e => e.Item.EnqueuedAt)
                .ThenBy(e => e.Sequence)
                .Take(maxItems)
                .ToList();
            var result = new WorkItem[claimed.Count];
            var token = NewLeaseToken();
            for (var i = 0; i < claimed.Count; i++)
            {
                var entry = claimed[i];
                entry.LeaseUntil = now + lease;
                entry.LeaseOwner = token;
                entry.Item = entry.Item with { Attempts = entry.Item.Attempts + 1 };
                result[i] = entry.Item with { LeaseToken = token };
            }

            return ValueTask.FromResult<IReadOnlyList<WorkItem>>(result);
        }
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(WorkQueue queue, string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (_queues[(int)queue].TryGetValue(id, out var entry))
            {
                entry.Item = entry.Item with { Status = WorkItemStatus.Completed };
                entry.LeaseUntil = DateTimeOffset.MinValue;
                entry.LeaseOwner = null;
                entry.CompletedAt = now;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RescheduleAsync(WorkQueue queue, string id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (_queues[(int)queue].TryGetValue(id, out var entry) && entry.Item.Status == WorkItemStatus.Pending)
            {
                entry.Item = entry.Item with { NextAttemptAt = nextAttemptAt, LastError = reason };
                entry.LeaseUntil = DateTimeOffset.MinValue;
                entry.LeaseOwner = null;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> MoveToDeadLetterAsync(WorkQueue queue, string id, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_queues[(int)queue].TryGetValue(id, out var entry))
            {
                return ValueTask.FromResult<DeadLetter?>(null);
            }

            entry.Item = entry.Item with { Status = WorkItemStatus.DeadLettered, LastError = reason };
            entry.LeaseUntil = DateTimeOffset.MinValue;
            entry.LeaseOwner = null;
            var deadLetter = new DeadLetter
            {
                Id = id,
                Channel = entry.Item.Channel,
                Flow = flow,
                Kind = entry.Item.Kind,
                Reason = reason,
                ErrorType = errorType,
                Payload = entry.Item.Payload,
                Attempts = entry.Item.Attempts,
                FirstAttemptAt = entry.Item.EnqueuedAt,
                DeadLetteredAt = now,
                SourceQueue = queue,
            };
            _deadLetters[id] = deadLetter;
            return ValueTask.FromResult<DeadLetter?>(deadLetter);
        }
    }

    /// <inheritdoc />
    public ValueTask<WorkItem?> GetWorkItemAsync(WorkQueue queue, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return ValueTask.FromResult(_queues[(int)queue].TryGetValue(id, out var entry) ? entry.Item : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CountPendingAsync(WorkQueue queue, string? channel = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult((long)_queues[(int)queue].Values.Count(e =>
                e.Item.Status == WorkItemStatus.Pending && (channel is null || string.Equals(e.Item.Channel, channel, StringComparison.Ordinal))));
        }
    }

    /// <inheritdoc />
    public ValueTask AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        lock (_gate)
        {
            _deadLetters[deadLetter.Id] = deadLetter;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<DeadLetter> ListDeadLettersAsync(string? channel = null, CancellationToken cancellationToken = default)
    {
        DeadLetter[] letters;
        lock (_gate)
        {
            letters = [.. _deadLetters.Values
                .Where(d => channel is null || string.Equals(d.Channel, channel, StringComparison.Ordinal))
                .OrderBy(d => d.DeadLetteredAt)
                .ThenBy(d => d.Id, StringComparer.Ordinal)];
        }

        return Yield(letters, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyDictionary<string, int>> CountDeadLettersAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var letter in _deadLetters.Values)
            {
                counts[letter.Channel] = counts.GetValueOrDefault(letter.Channel) + 1;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, int>>(counts);
    }

    /// <inheritdoc />
    public ValueTask<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveDeadLetterAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return ValueTask.FromResult(_deadLetters.Remove(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ReplayDeadLetterAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            if (!_deadLetters.TryGetValue(id, out var deadLetter)
                || deadLetter.SourceQueue is not { } queue
                || !_queues[(int)queue].TryGetValue(id, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            entry.Item = entry.Item with { Status = WorkItemStatus.Pending, Attempts = 0, NextAttemptAt = now, LastError = null };
            entry.LeaseUntil = DateTimeOffset.MinValue;
            entry.LeaseOwner = null;
            _deadLetters.Remove(id);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<SyncCursor?> GetCursorAsync(string channel, string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_cursors.GetValueOrDefault((channel, name)));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TrySetCursorAsync(string channel, string name, string value, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var current = _cursors.GetValueOrDefault((channel, name))?.Version ?? 0;
            if (current != expectedVersion)
            {
                return ValueTask.FromResult(false);
            }

            _cursors[(channel, name)] = new SyncCursor
            {
                Channel = channel,
                Name = name,
                Value = value,
                Version = current + 1,
            };
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryDeleteCursorAsync(string channel, string name, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            return ValueTask.FromResult(
                _cursors.TryGetValue((channel, name), out var cursor) && cursor.Version == expectedVersion && _cursors.Remove((channel, name)));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAddIdempotencyKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return ValueTask.FromResult(_idempotencyKeys.TryAdd(key, now));
        }
    }

    /// <inheritdoc />
    public ValueTask<OrderRecord?> GetOrderRecordAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_orders.GetValueOrDefault((channel, orderId)));
        }
    }

    /// <inheritdoc />
    public ValueTask UpsertOrderRecordAsync(OrderRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _orders[(record.Channel, record.OrderId)] = record;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<OrderRecord> ListOrderRecordsAsync(string channel, CancellationToken cancellationToken = default)
    {
        OrderRecord[] records;
        lock (_gate)
        {
            records = [.. _orders.Values
                .Where(r => string.Equals(r.Channel, channel, StringComparison.Ordinal))
                .OrderBy(r => r.OrderId, StringComparer.Ordinal)];
        }

        return Yield(records, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask SetReservationAsync(PendingReservation reservation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        lock (_gate)
        {
            _reservations[(reservation.Channel, reservation.OrderId)] = reservation;
            _stockGeneration++;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var removed = _reservations.Remove((channel, orderId));
            if (removed)
            {
                _stockGeneration++;
            }

            return ValueTask.FromResult(removed);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PendingReservation> ListReservationsAsync(CancellationToken cancellationToken = default)
    {
        PendingReservation[] reservations;
        lock (_gate)
        {
            reservations = [.. _reservations.Values
                .OrderBy(r => r.Channel, StringComparer.Ordinal)
                .ThenBy(r => r.OrderId, StringComparer.Ordinal)];
        }

        return Yield(reservations, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        long removed = 0;
        lock (_gate)
        {
            foreach (var items in _queues)
            {
                foreach (var id in items.Values.Where(e => e.Item.Status == WorkItemStatus.Completed && e.CompletedAt < olderThan).Select(e => e.Item.Id).ToList())
                {
                    items.Remove(id);
                    removed++;
                }
            }

            foreach (var key in _idempotencyKeys.Where(k => k.Value < olderThan).Select(k => k.Key).ToList())
            {
                _idempotencyKeys.Remove(key);
                removed++;
            }

            // Per-order lock rows a holder left behind (it died before releasing, and the order never came again).
            foreach (var key in _cursors.Where(c => IsExpiredOrderLock(c.Key.Name, c.Value.Value, olderThan)).Select(c => c.Key).ToList())
            {
                _cursors.Remove(key);
                removed++;
            }
        }

        return ValueTask.FromResult(removed);
    }

    private static bool IsExpiredOrderLock(string name, string value, DateTimeOffset olderThan)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return name.StartsWith("order-lock|", StringComparison.Ordinal)
            && bar >= 0
            && long.TryParse(value.AsSpan(bar + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            && ticks < olderThan.UtcTicks;
    }

    private static async IAsyncEnumerable<T> Yield<T>(T[] items, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private void TrackPending(InventoryEntry entry)
    {
        if (!_pendingByChannel.TryGetValue(entry.Key.Channel, out var pending))
        {
            pending = [];
            _pendingByChannel.Add(entry.Key.Channel, pending);
        }

        if (entry.IsPending)
        {
            pending.Add(entry.Key);
        }
        else
        {
            pending.Remove(entry.Key);
        }
    }

    private sealed class InventoryEntry(InventoryKey key)
    {
        public InventoryKey Key { get; } = key;

        public int Desired { get; set; }

        public int? Acknowledged { get; set; }

        public long Version { get; set; }

        public string? Sku { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public DateTimeOffset LeaseUntil { get; set; } = DateTimeOffset.MinValue;

        public string? LeaseOwner { get; set; }

        public string? LastError { get; set; }

        public long StockGeneration { get; set; }

        public bool IsPending => Acknowledged != Desired;

        /// <summary>A new desired quantity: a new version, due now, with its retry history cleared.</summary>
        public void ChangeDesired(DesiredInventory row, DateTimeOffset now)
        {
            Desired = row.Quantity;
            Version++;
            Attempts = 0;
            NextAttemptAt = now;
            UpdatedAt = now;
            LastError = null;
            Sku = row.Sku ?? Sku;
        }

        public InventoryRow ToRow() => new()
        {
            Key = Key,
            Desired = Desired,
            Acknowledged = Acknowledged,
            Version = Version,
            Sku = Sku,
            Attempts = Attempts,
            NextAttemptAt = NextAttemptAt,
            UpdatedAt = UpdatedAt,
            LastError = LastError,
        };
    }

    /// <summary>
    /// Every item of <paramref name="queue"/> in any state, with its lease and completion time: for diagnostics of the
    /// reliability runs (a missing order's inbox history), not part of the store contract.
    /// </summary>
    internal IReadOnlyList<(WorkItem Item, DateTimeOffset LeaseUntil, DateTimeOffset CompletedAt)> SnapshotQueue(WorkQueue queue)
    {
        lock (_gate)
        {
            return [.. _queues[(int)queue].Values.OrderBy(e => e.Sequence).Select(e => (e.Item, e.LeaseUntil, e.CompletedAt))];
        }
    }

    private sealed class QueueEntry(WorkItem item, long sequence)
    {
        public WorkItem Item { get; set; } = item;

        public long Sequence { get; } = sequence;

        public DateTimeOffset LeaseUntil { get; set; } = DateTimeOffset.MinValue;

        public string? LeaseOwner { get; set; }

        public DateTimeOffset CompletedAt { get; set; }
    }
}
