using System.Collections;
using System.Globalization;
using System.Text;
using Connectors.State;
using Xunit.Sdk;

namespace Connectors.Storage.Sqlite.Tests.Model;

/// <summary>
/// One seeded, randomized model-based run over the inventory operations of <see cref="ISyncStateStore"/>: every operation
/// goes with the same arguments to a <see cref="SqliteSyncStateStore"/> (one of one or two instances open on one file)
/// and to an <see cref="InMemorySyncStateStore"/>, the reference model, and after every step the results and the full
/// row state of both channels must agree. A failure names the seed, the step and the last operations.
/// </summary>
/// <remarks>
/// <para>
/// What is compared, and why exactly that (the contract is <see cref="ISyncStateStore"/> and the conformance suite):
/// <list type="bullet">
/// <item>Set desired: the changed count, exactly.</item>
/// <item>Claim: the claimed rows as a set (every field of each row). The contract promises "oldest due first" for which
/// rows are taken, not the order of the returned list (the in-memory store returns them in hash order when nothing is
/// cut off), so order is not compared. Rows that tie on their due time at the cut-off may be taken in any order by
/// either store, so the run never cuts through such a tie: it keeps a shadow of the leases (not visible in
/// <see cref="InventoryRow"/>), computes the due rows itself, moves <c>maxRows</c> to the edge of a tie, and checks both
/// stores claimed exactly the oldest due rows.</item>
/// <item>Acknowledge, reschedule: no result; the row state after them.</item>
/// <item>Get and list: the rows, exactly (list in its promised order: item id then location id, ordinal). Item ids stay
/// inside the Basic Multilingual Plane below U+E000, where SQLite's UTF-8 byte order and .NET's UTF-16 ordinal order
/// agree (the SQLite README documents the difference outside that range).</item>
/// <item>After every step: the full listing of both channels through every open SQLite instance equals the model's, every
/// field of every row (desired, acknowledged, version, SKU, attempts, next attempt, updated at, last error). Times compare
/// as instants (<see cref="DateTimeOffset"/> equality): the caller now and then passes a time at another offset, which
/// the in-memory store keeps and the SQLite store returns in UTC (its documented design); only the instant is promised.</item>
/// </list>
/// </para>
/// <para>
/// Batches the stores must refuse or abandon (a negative quantity, a cancelled batch) are atomic by contract: a refused
/// batch is refused by both stores, a cancelled one is skipped in the model, and neither may leave anything behind. In a
/// run that cancels, acknowledgements and reschedules are cancelled too, now and then: they fold the journal first, and
/// a fold inside a call that rolls back must not be taken for done.
/// </para>
/// <para>
/// After most successful batches the step's comparison is skipped, because a comparison reads and so folds the SQLite
/// store's inventory journal: this way several batches wait in the journal and are folded together later, and half the
/// instances open with a small journal limit so that writes also fold when it is reached.
/// </para>
/// </remarks>
internal sealed class InventoryModelRun : IAsyncDisposable
{
    /// <summary>The start of the run's clock.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Channels = ["shop-a", "shop-b"];

    // Ordinal order differs from a culture's here ("Sku" < "a b" < "sku" < "ü"); all inside the BMP below U+E000.
    private static readonly string[] Items = ["sku-1", "sku-10", "sku-2", "Sku-3", "a b", "x\"q", "ünï-4", "5", "sku-1-", "€-6"];
    private static readonly string[] Locations = ["L1", "L-2"];
    private static readonly TimeSpan[] Leases = [TimeSpan.Zero, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];
    private static readonly string[] Reasons = ["503 from channel", "rate limited: \"retry later\"", "ünïcødé ✓ error", "", "unknown item"];
    private static readonly InventoryKey Ghost = new("shop-a", "never-set", "L1");
    private const int RecentOperations = 25;

    private readonly int _seed;
    private readonly string _file;
    private readonly bool _cancelBatches;

    // After most successful batches the comparison (which reads, so folds the SQLite inventory journal) is skipped, so
    // several batches pile up in the journal and are folded together by a later claim, acknowledgement, reschedule or read.
    private bool _deferComparison;
    private readonly Random _random;
    private readonly InMemorySyncStateStore _model = new();
    private readonly SqliteSyncStateStore?[] _stores;
    private readonly InventoryKey[] _keys;
    private readonly HashSet<InventoryKey> _known = [];
    private readonly Dictionary<InventoryKey, DateTimeOffset> _leases = [];
    private readonly List<InventoryRow> _outstanding = [];
    private readonly Dictionary<string, int> _skuVersions = new(StringComparer.Ordinal);
    private readonly Queue<string> _recent = new();
    private DateTimeOffset _now = T0;
    private int _freshItems;
    private string _current = "(none)";

    /// <summary>Creates a run; <see cref="RunAsync"/> opens the SQLite instances.</summary>
    /// <param name="seed">The seed of every random choice.</param>
    /// <param name="file">The database file, new.</param>
    /// <param name="instances">How many SQLite instances are open on the file at once (1 or 2).</param>
    /// <param name="cancelBatches">Whether some desired batches are cancelled part-way through.</param>
    public InventoryModelRun(int seed, string file, int instances, bool cancelBatches)
    {
        _seed = seed;
        _file = file;
        _cancelBatches = cancelBatches;
        _random = new Random(seed);
        _stores = new SqliteSyncStateStore?[instances];
        _keys = [.. from channel in Channels from item in Items from location in Locations select new InventoryKey(channel, item, location)];
    }

    // What the run did, so a test can check that it exercised what it claims to.

    /// <summary>Operations run (the final reopen included).</summary>
    public int Steps { get; private set; }

    /// <summary>Desired batches stored.</summary>
    public int Batches { get; private set; }

    /// <summary>Rows of desired batches that changed nothing (same quantity as stored).</summary>
    public long UnchangedRows { get; private set; }

    /// <summary>Rows of desired batches for keys never seen before (inserts, or retries of a cancelled insert).</summary>
    public int FreshRows { get; private set; }

    /// <summary>Rows changed by desired batches.</summary>
    public long RowsChanged { get; private set; }

    /// <summary>Batches refused for a negative quantity.</summary>
    public int RejectedBatches { get; private set; }

    /// <summary>Batches cancelled part-way (the call threw).</summary>
    public int CancelledBatches { get; private set; }

    /// <summary>Batches whose token was cancelled but that completed (the store checks the token only now and then).</summary>
    public int CompletedDespiteCancel { get; private set; }

    /// <summary>Claims made.</summary>
    public int Claims { get; private set; }

    /// <summary>Claims that left due rows behind (maxRows below the number of due rows).</summary>
    public int CutOffClaims { get; private set; }

    /// <summary>Rows claimed.</summary>
    public long RowsClaimed { get; private set; }

    /// <summary>Acknowledgements sent.</summary>
    public int Acknowledgements { get; private set; }

    /// <summary>Acknowledgements of a claim whose row's desired quantity changed since.</summary>
    public int StaleAcknowledgements { get; private set; }

    /// <summary>Rows rescheduled.</summary>
    public int Reschedules { get; private set; }

    /// <summary>Rows parked (rescheduled to <see cref="DateTimeOffset.MaxValue"/>).</summary>
    public int Parked { get; private set; }

    /// <summary>Times the clock landed exactly on a lease end.</summary>
    public int LeaseEdges { get; private set; }

    /// <summary>SQLite instances closed and reopened on the file.</summary>
    public int Reopens { get; private set; }

    /// <summary>A one-line summary of the counters, for the test output.</summary>
    public string Summary =>
        $"seed {_seed}: {Steps} steps, {Batches} batches ({RowsChanged} rows changed, {UnchangedRows} unchanged, {FreshRows} for new keys), {RejectedBatches} refused, " +
        $"{CancelledBatches} cancelled, {CompletedDespiteCancel} completed despite cancel, {Claims} claims ({CutOffClaims} cut off, {RowsClaimed} rows), " +
        $"{Acknowledgements} acks ({StaleAcknowledgements} stale), {Reschedules} reschedules ({Parked} parked), {LeaseEdges} lease edges, {Reopens} reopens";

    /// <summary>Runs <paramref name="operations"/> random operations, comparing after each, then reopens every instance and compares again.</summary>
    /// <param name="operations">How many operations.</param>
    /// <param name="cancellationToken">The test's token.</param>
    /// <returns>A task that completes when the run is done.</returns>
    /// <exception cref="XunitException">The SQLite store diverged from the model (the message names seed and step).</exception>
    public async Task RunAsync(int operations, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _stores.Length; i++)
        {
            _stores[i] = await SqliteSyncStateStore.OpenAsync(Options(), cancellationToken: cancellationToken);
        }

        for (var step = 0; step <= operations; step++)
        {
            try
            {
                _deferComparison = false;
                if (step < operations)
                {
                    await StepAsync(cancellationToken);
                }
                else
                {
                    // Finally every instance restarts from the file: nothing the model holds may have been lost.
                    _current = "final reopen of every instance";
                    for (var i = 0; i < _stores.Length; i++)
                    {
                        await ReopenAsync(i, cancellationToken);
                    }
                }

                if (!_deferComparison)
                {
                    await CompareAllAsync(cancellationToken);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new XunitException(Describe(step, operations, ex), ex);
            }

            _recent.Enqueue($"#{step} {_current}");
            if (_recent.Count > RecentOperations)
            {
                _recent.Dequeue();
            }

            Steps++;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }
    }

    private async Task StepAsync(CancellationToken ct)
    {
        _current = "(choosing)";
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 30:
                await SetDesiredAsync(ct);
                break;
            case < 50:
                await ClaimAsync(ct);
                break;
            case < 63:
                await AcknowledgeAsync(ct);
                break;
            case < 71:
                await RescheduleAsync(ct);
                break;
            case < 83:
                Advance();
                break;
            case < 88:
                await GetAsync(ct);
                break;
            case < 94:
                await ListAsync(ct);
                break;
            case < 97:
                var index = _random.Next(_stores.Length);
                _current = $"reopen s{index}";
                await ReopenAsync(index, ct);
                break;
            default:
                await RejectedBatchAsync(ct);
                break;
        }
    }

    // Operations ----------------------------------------------------------------------------------------------

    private async Task SetDesiredAsync(CancellationToken ct)
    {
        if (_cancelBatches && _random.Next(100) < 40)
        {
            await CancelledBatchAsync(ct);
            return;
        }

        var rows = NewBatch(maxRows: 300);
        var (store, name) = PickStore();
        var now = AsCallerSees(_now);
        _current = $"SetDesired@{name}(rows={rows.Length}, distinct={rows.Select(r => r.Key).Distinct().Count()}, now={Clock(now)})";
        var expected = await _model.SetDesiredInventoryAsync(rows, now, ct);
        var actual = await store.SetDesiredInventoryAsync(rows, now, ct);
        _current += $" -> model {expected}, sqlite {actual}";
        Assert.Equal(expected, actual);
        _known.UnionWith(rows.Select(r => r.Key));
        Batches++;
        RowsChanged += actual;
        UnchangedRows += rows.Length - actual;
        _deferComparison = _random.Next(4) != 0;
    }

    private async Task CancelledBatchAsync(CancellationToken ct)
    {
        // Larger batches too, so the cancellation lands in the middle of the store's write loop, not only before it.
        var rows = NewBatch(maxRows: 700);
        var (store, name) = PickStore();

        // The list cancels on its n-th read, whichever pass (validation or write) that read belongs to. The current store
        // reads every row twice (validation, then write), so mostly aim at the second pass, where rows are being written.
        var cancelAtRead = _random.Next(10) < 7 ? rows.Length + _random.Next(rows.Length) : _random.Next(rows.Length * 2);
        _current = $"SetDesired@{name}(rows={rows.Length}, cancels at read {cancelAtRead}, now={Clock(_now)})";
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int? actual = null;
        try
        {
            actual = await store.SetDesiredInventoryAsync(new CancellingList<DesiredInventory>(rows, cancelAtRead, cancellation), _now, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Atomic: a cancelled batch stores nothing, so the model skips it (the full comparison after this step checks it).
            _current += " -> cancelled";
            CancelledBatches++;
        }

        if (actual is { } changed)
        {
            // The store may finish a batch whose token was cancelled late (it checks the token only now and then): then
            // all of it must be stored, as in the model.
            var expected = await _model.SetDesiredInventoryAsync(rows, _now, ct);
            _current += $" -> completed anyway: model {expected}, sqlite {changed}";
            Assert.Equal(expected, changed);
            _known.UnionWith(rows.Select(r => r.Key));
            CompletedDespiteCancel++;
        }
    }

    private async Task RejectedBatchAsync(CancellationToken ct)
    {
        var rows = NewBatch(maxRows: 50);
        var bad = _random.Next(rows.Length);
        rows[bad] = rows[bad] with { Quantity = -1 - _random.Next(3) };
        var (store, name) = PickStore();
        _current = $"SetDesired@{name}(rows={rows.Length}, row {bad} negative, now={Clock(_now)}) -> must be refused whole";

        // The contract makes a batch atomic: both stores refuse it whole, and the comparison after this step checks it.
        var error = await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.SetDesiredInventoryAsync(rows, _now, ct));
        Assert.Equal(nameof(DesiredInventory.Quantity), error.FieldPath);
        await Assert.ThrowsAsync<ConnectorValidationException>(async () => await _model.SetDesiredInventoryAsync(rows, _now, ct));
        RejectedBatches++;
    }

    /// <summary>
    /// Calls the SQLite store with <paramref name="items"/>: normally as they are; in a run that cancels, now and then
    /// through a list that cancels the call's token on one of its reads (the store reads each item once to check it,
    /// then once to write it), as a shutdown would mid-call. A cancelled call must leave nothing behind: the caller
    /// then skips the model.
    /// </summary>
    /// <returns>Whether the call completed, so the model must apply it too.</returns>
    private async Task<bool> TryCancelledAsync<T>(T[] items, Func<IReadOnlyList<T>, CancellationToken, ValueTask> call)
    {
        if (!_cancelBatches || _random.Next(100) >= 30)
        {
            await call(items, TestContext.Current.CancellationToken);
            return true;
        }

        var cancelAtRead = _random.Next(items.Length * 2);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        try
        {
            await call(new CancellingList<T>(items, cancelAtRead, cancellation), cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            _current += $" -> cancelled at read {cancelAtRead}";
            CancelledBatches++;
            return false;
        }

        _current += $" -> completed although cancelled at read {cancelAtRead}";
        CompletedDespiteCancel++;
        return true;
    }

    private async Task ClaimAsync(CancellationToken ct)
    {
        var channel = Channels[_random.Next(Channels.Length)];
        var lease = Leases[_random.Next(Leases.Length)];

        // The due rows by the contract: pending, due by now, not leased; oldest due first (OrderBy is stable).
        var due = (await ToListAsync(_model.ListInventoryAsync(channel, pendingOnly: true, ct)))
            .Where(r => r.NextAttemptAt <= _now && LeaseUntil(r.Key) <= _now)
            .OrderBy(r => r.NextAttemptAt)
            .ToList();
        var maxRows = _random.Next(1, due.Count + 4);
        if (maxRows < due.Count && due[maxRows - 1].NextAttemptAt == due[maxRows].NextAttemptAt)
        {
            // Never cut through rows that tie on their due time: which of them a store takes is not promised.
            var tie = due[maxRows].NextAttemptAt;
            var start = due.FindIndex(r => r.NextAttemptAt == tie);
            maxRows = start > 0 ? start : due.FindLastIndex(r => r.NextAttemptAt == tie) + 1;
        }

        var expectedKeys = Sorted(due.Take(maxRows)).Select(r => r.Key).ToList();
        if (maxRows >= due.Count && _random.Next(10) == 0)
        {
            maxRows = int.MaxValue;
        }

        var (store, name) = PickStore();
        var now = AsCallerSees(_now);
        _current = $"Claim@{name}({channel}, max={maxRows}, lease={lease.TotalSeconds}s, now={Clock(now)}; due={due.Count})";
        var fromModel = await _model.ClaimPendingInventoryAsync(channel, maxRows, now, lease, ct);
        var fromStore = await store.ClaimPendingInventoryAsync(channel, maxRows, now, lease, ct);
        _current += $" -> model {fromModel.Count}, sqlite {fromStore.Count}";

        Assert.Equal(expectedKeys, Sorted(fromModel).Select(r => r.Key));
        // Each store gives its claim its own owner token: one per claim, compared apart from the rows.
        Assert.Equal(Sorted(fromModel).Select(r => r with { LeaseToken = null }), Sorted(fromStore).Select(r => r with { LeaseToken = null }));
        Assert.True(fromStore.Select(r => r.LeaseToken).Distinct().Count() <= 1 && fromStore.All(r => !string.IsNullOrEmpty(r.LeaseToken)), "a claim's rows carry one owner token");
        foreach (var row in fromStore)
        {
            _leases[row.Key] = _now + lease;
            _outstanding.Add(row);
        }

        Claims++;
        RowsClaimed += fromStore.Count;
        if (maxRows < due.Count)
        {
            CutOffClaims++;
        }
    }

    private async Task AcknowledgeAsync(CancellationToken ct)
    {
        var count = _random.Next(1, 9);
        var acks = new List<InventoryAcknowledgement>(count);
        var stale = 0;
        for (var i = 0; i < count; i++)
        {
            var roll = _random.Next(100);
            if (roll < 70 && _outstanding.Count > 0)
            {
                // A claimed row, acknowledged with the quantity it was claimed at: stale when desired changed since.
                var claimed = TakeOutstanding();
                var current = await _model.GetInventoryAsync(claimed.Key, ct);
                if (current!.Version != claimed.Version)
                {
                    stale++;
                }

                acks.Add(new InventoryAcknowledgement(claimed.Key, _random.Next(10) == 0 ? _random.Next(5) : claimed.Desired));
            }
            else if (roll < 92)
            {
                // A row never claimed (a full sync confirming what the channel shows), maybe leased by someone else.
                var key = _keys[_random.Next(_keys.Length)];
                var current = await _model.GetInventoryAsync(key, ct);
                acks.Add(new InventoryAcknowledgement(key, current is not null && _random.Next(3) > 0 ? current.Desired : _random.Next(5)));
            }
            else if (acks.Count > 0)
            {
                // The same row twice in one batch: the last one counts.
                acks.Add(acks[_random.Next(acks.Count)] with { Quantity = _random.Next(5) });
            }
            else
            {
                acks.Add(new InventoryAcknowledgement(Ghost, 1));
            }
        }

        var (store, name) = PickStore();
        _current = $"Acknowledge@{name}({string.Join(", ", acks.Select(a => $"{a.Key}={a.Quantity}"))}; {stale} stale)";
        if (!await TryCancelledAsync(acks.ToArray(), (list, token) => store.AcknowledgeInventoryAsync(list, token)))
        {
            return;
        }

        await _model.AcknowledgeInventoryAsync(acks, ct);
        foreach (var ack in acks)
        {
            _leases.Remove(ack.Key);
        }

        Acknowledgements += acks.Count;
        StaleAcknowledgements += stale;
    }

    private async Task RescheduleAsync(CancellationToken ct)
    {
        var count = _random.Next(1, 6);
        var keys = new List<InventoryKey>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = _random.Next(100);
            keys.Add(roll < 75 && _outstanding.Count > 0 ? TakeOutstanding().Key : roll < 96 ? _keys[_random.Next(_keys.Length)] : Ghost);
        }

        var when = _random.Next(100) switch
        {
            < 45 => _now + TimeSpan.FromSeconds(_random.Next(1, 120)),
            < 60 => DateTimeOffset.MaxValue,
            < 75 => _now,
            < 84 => _now - TimeSpan.FromSeconds(_random.Next(1, 600)),
            < 86 => DateTimeOffset.MinValue,
            < 93 => AsCallerSees(_now + TimeSpan.FromTicks(_random.Next(1, 10_000))),
            _ => _now + TimeSpan.FromTicks(_random.Next(1, 10_000)),
        };
        var reason = Reasons[_random.Next(Reasons.Length)];
        var (store, name) = PickStore();
        _current = $"Reschedule@{name}({string.Join(", ", keys)}; next={Clock(when)}, reason=\"{reason}\")";
        if (!await TryCancelledAsync(keys.ToArray(), (list, token) => store.RescheduleInventoryAsync(list, when, reason, token)))
        {
            return;
        }

        await _model.RescheduleInventoryAsync(keys, when, reason, ct);
        foreach (var key in keys)
        {
            _leases.Remove(key);
        }

        Reschedules += keys.Count;
        if (when == DateTimeOffset.MaxValue)
        {
            Parked += keys.Count;
        }
    }

    private void Advance()
    {
        var before = _now;
        var roll = _random.Next(100);
        if (roll < 12)
        {
            // Jump exactly onto the earliest lease end: a lease ending at now is over (claims use lease_until <= now).
            var ends = _leases.Values.Where(t => t > _now).ToList();
            _now = ends.Count > 0 ? ends.Min() : _now + TimeSpan.FromSeconds(1);
            LeaseEdges += ends.Count > 0 ? 1 : 0;
        }
        else
        {
            _now += roll switch
            {
                < 30 => TimeSpan.FromTicks(_random.Next(1, 10_000)),
                < 60 => TimeSpan.FromMilliseconds(_random.Next(1, 5_000)),
                < 85 => TimeSpan.FromSeconds(_random.Next(1, 60)),
                _ => TimeSpan.FromSeconds(_random.Next(60, 400)),
            };
        }

        _current = $"advance {Clock(before)} -> {Clock(_now)}";
    }

    private async Task GetAsync(CancellationToken ct)
    {
        var key = _random.Next(10) == 0 ? Ghost : _keys[_random.Next(_keys.Length)];
        var (store, name) = PickStore();
        _current = $"Get@{name}({key})";
        Assert.Equal(await _model.GetInventoryAsync(key, ct), await store.GetInventoryAsync(key, ct));
    }

    private async Task ListAsync(CancellationToken ct)
    {
        var channel = Channels[_random.Next(Channels.Length)];
        var pendingOnly = _random.Next(2) == 0;
        var (store, name) = PickStore();
        _current = $"List@{name}({channel}, pendingOnly={pendingOnly})";
        Assert.Equal(await ToListAsync(_model.ListInventoryAsync(channel, pendingOnly, ct)), await ToListAsync(store.ListInventoryAsync(channel, pendingOnly, ct)));
    }

    private async Task ReopenAsync(int index, CancellationToken ct)
    {
        await _stores[index]!.DisposeAsync();
        _stores[index] = null;
        _stores[index] = await SqliteSyncStateStore.OpenAsync(Options(), cancellationToken: ct);
        Reopens++;
    }

    /// <summary>The store's options: half the instances get a small inventory-journal limit, so writes also fold at the limit.</summary>
    private SqliteStoreOptions Options()
    {
        var options = TestDirectory.Options(_file);
        if (_random.Next(2) == 0)
        {
            options.InventoryJournalLimit = 1 + _random.Next(600);
        }

        return options;
    }

    private async Task CompareAllAsync(CancellationToken ct)
    {
        foreach (var channel in Channels)
        {
            var expected = await ToListAsync(_model.ListInventoryAsync(channel, pendingOnly: false, ct));
            for (var i = 0; i < _stores.Length; i++)
            {
                var actual = await ToListAsync(_stores[i]!.ListInventoryAsync(channel, pendingOnly: false, ct));
                Assert.Equal(expected, actual);
            }
        }
    }

    // Helpers -------------------------------------------------------------------------------------------------

    private DesiredInventory[] NewBatch(int maxRows)
    {
        var size = _random.Next(100) switch
        {
            < 65 => _random.Next(1, 21),
            < 93 => _random.Next(21, 121),
            _ => _random.Next(121, 1_000),
        };
        size = Math.Min(size, maxRows);

        // A random subset of the key pool, so keys repeat inside the batch as well as across batches.
        var subset = _keys.OrderBy(_ => _random.Next()).Take(_random.Next(1, _keys.Length + 1)).ToArray();
        var wide = _random.Next(5) == 0;
        var rows = new DesiredInventory[size];
        for (var i = 0; i < size; i++)
        {
            var key = subset[_random.Next(subset.Length)];
            rows[i] = new DesiredInventory
            {
                Key = key,
                Quantity = !wide ? _random.Next(0, 5) : _random.Next(200) == 0 ? int.MaxValue : _random.Next(0, 50),
                Sku = Sku(key),
            };
        }

        if (_random.Next(100) < (_cancelBatches ? 50 : 20))
        {
            // Now and then keys outside the pool: new rows inserted mid-run (after reopens, by either instance, in a batch
            // that is then cancelled and retried), so inserts do not all happen in the first few batches. More of them when
            // batches are cancelled: a rolled-back insert must leave no trace, not even in the writer's key-to-id cache.
            for (var n = _random.Next(1, _cancelBatches ? 7 : 4); n > 0; n--)
            {
                _freshItems += _random.Next(_cancelBatches ? 2 : 3) == 0 ? 1 : 0;
                var key = new InventoryKey(Channels[_random.Next(Channels.Length)], $"new-{_random.Next(_freshItems + 1)}", Locations[_random.Next(Locations.Length)]);
                if (!_known.Contains(key))
                {
                    FreshRows++;
                }

                rows[_random.Next(rows.Length)] = new DesiredInventory
                {
                    Key = key,
                    Quantity = _random.Next(0, 5),
                    Sku = Sku(key),
                };
            }
        }

        return rows;
    }

    private string? Sku(InventoryKey key)
    {
        var roll = _random.Next(100);
        if (roll < 35)
        {
            return null;
        }

        _skuVersions.TryGetValue(key.ChannelItemId, out var version);
        if (roll < 40)
        {
            _skuVersions[key.ChannelItemId] = ++version;
        }

        return version == 0 ? $"SKU {key.ChannelItemId}" : $"SKU {key.ChannelItemId} v{version}";
    }

    /// <summary>Mostly <paramref name="time"/> in UTC, now and then the same instant at another offset (the stores keep the instant).</summary>
    private DateTimeOffset AsCallerSees(DateTimeOffset time) => _random.Next(8) == 0 ? time.ToOffset(TimeSpan.FromHours(_random.Next(-12, 15))) : time;

    private (SqliteSyncStateStore Store, string Name) PickStore()
    {
        var index = _random.Next(_stores.Length);
        return (_stores[index]!, $"s{index}");
    }

    private InventoryRow TakeOutstanding()
    {
        var index = _random.Next(_outstanding.Count);
        var row = _outstanding[index];
        _outstanding.RemoveAt(index);
        return row;
    }

    private DateTimeOffset LeaseUntil(InventoryKey key) => _leases.TryGetValue(key, out var until) ? until : DateTimeOffset.MinValue;

    private static List<InventoryRow> Sorted(IEnumerable<InventoryRow> rows) =>
        [.. rows.OrderBy(r => r.Key.Channel, StringComparer.Ordinal).ThenBy(r => r.Key.ChannelItemId, StringComparer.Ordinal).ThenBy(r => r.Key.LocationId, StringComparer.Ordinal)];

    private static string Clock(DateTimeOffset time) =>
        time == DateTimeOffset.MaxValue ? "parked" : $"T0{(time - T0).TotalSeconds.ToString("+0.#######;-0.#######", CultureInfo.InvariantCulture)}s";

    private static async Task<List<InventoryRow>> ToListAsync(IAsyncEnumerable<InventoryRow> rows)
    {
        var list = new List<InventoryRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    private string Describe(int step, int operations, Exception ex)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Seed {_seed} ({_stores.Length} SQLite instance(s){(_cancelBatches ? ", cancelled batches" : "")}): ")
            .Append(CultureInfo.InvariantCulture, $"step {step} of {operations} diverged from the in-memory model at clock {Clock(_now)}.")
            .AppendLine()
            .Append("Operation: ").AppendLine(_current)
            .AppendLine("Operations before it:");
        foreach (var line in _recent)
        {
            text.Append("  ").AppendLine(line);
        }

        return text
            .Append(CultureInfo.InvariantCulture, $"Re-run this seed alone: CONNECTORS_MODEL_SEED={_seed}.")
            .AppendLine()
            .Append(ex.GetType().Name).Append(": ").Append(ex.Message)
            .ToString();
    }

    /// <summary>A batch that cancels a token on its n-th read (through the indexer or the enumerator), whichever pass reads it.</summary>
    private sealed class CancellingList<T>(T[] rows, int cancelAtRead, CancellationTokenSource cancellation) : IReadOnlyList<T>
    {
        private int _reads;

        public int Count => rows.Length;

        public T this[int index]
        {
            get
            {
                Read();
                return rows[index];
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            foreach (var row in rows)
            {
                Read();
                yield return row;
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private void Read()
        {
            if (_reads++ == cancelAtRead)
            {
                cancellation.Cancel();
            }
        }
    }
}
