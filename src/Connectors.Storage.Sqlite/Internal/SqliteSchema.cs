namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// The schema, as an ordered list of migrations: entry <c>i</c> takes a database from version <c>i</c> to
/// <c>i + 1</c>. Migrations are append-only: a shipped entry is never edited, a change is a new entry.
/// Times are UTC ticks (INTEGER), so every <see cref="DateTimeOffset"/> including <see cref="DateTimeOffset.MaxValue"/>
/// round-trips exactly.
/// </summary>
internal static class SqliteSchema
{
    private const string V1 = """
        CREATE TABLE inventory (
            channel TEXT NOT NULL,
            item_id TEXT NOT NULL,
            location_id TEXT NOT NULL,
            desired INTEGER NOT NULL,
            acknowledged INTEGER,
            version INTEGER NOT NULL,
            sku TEXT,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            lease_until INTEGER NOT NULL,
            last_error TEXT,
            PRIMARY KEY (channel, item_id, location_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_inventory_pending ON inventory (channel, next_attempt_at) WHERE acknowledged IS NOT desired;

        CREATE TABLE work_items (
            seq INTEGER PRIMARY KEY,
            queue INTEGER NOT NULL,
            id TEXT NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            status INTEGER NOT NULL,
            last_error TEXT,
            lease_until INTEGER NOT NULL,
            completed_at INTEGER,
            UNIQUE (queue, id)
        );
        CREATE INDEX ix_work_items_pending ON work_items (queue, enqueued_at, seq) WHERE status = 0;
        CREATE INDEX ix_work_items_completed ON work_items (completed_at) WHERE status = 1;

        CREATE TABLE dead_letters (
            id TEXT NOT NULL PRIMARY KEY,
            channel TEXT NOT NULL,
            flow TEXT NOT NULL,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL,
            error_type TEXT,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            first_attempt_at INTEGER NOT NULL,
            dead_lettered_at INTEGER NOT NULL,
            source_queue INTEGER
        );
        CREATE INDEX ix_dead_letters_time ON dead_letters (dead_lettered_at, id);

        CREATE TABLE cursors (
            channel TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (channel, name)
        ) WITHOUT ROWID;

        CREATE TABLE idempotency_keys (
            key TEXT NOT NULL PRIMARY KEY,
            recorded_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_idempotency_keys_recorded ON idempotency_keys (recorded_at);

        CREATE TABLE order_records (
            channel TEXT NOT NULL,
            order_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            status INTEGER NOT NULL,
            warehouse_reference TEXT,
            payload TEXT,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (channel, order_id)
        ) WITHOUT ROWID;

        CREATE TABLE reservations (
            channel TEXT NOT NULL,
            order_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (channel, order_id)
        ) WITHOUT ROWID;

        CREATE TABLE reservation_lines (
            channel TEXT NOT NULL,
            order_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            sku TEXT NOT NULL,
            quantity TEXT NOT NULL,
            PRIMARY KEY (channel, order_id, ordinal)
        ) WITHOUT ROWID;
        """;

    // V2: inventory becomes a rowid table with a never-reused integer id (the writer caches key -> id and updates by
    // id) and an explicit pending flag (= acknowledged IS NOT desired) indexed per channel, so that changing the
    // desired quantity of a row that is already pending touches no index. The claim sorts the pending rows of a channel
    // by due time itself (as the in-memory store does) instead of reading them from an index in due order.
    private const string V2 = """
        CREATE TABLE inventory_v2 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            item_id TEXT NOT NULL,
            location_id TEXT NOT NULL,
            desired INTEGER NOT NULL,
            acknowledged INTEGER,
            version INTEGER NOT NULL,
            sku TEXT,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            lease_until INTEGER NOT NULL,
            last_error TEXT,
            pending INTEGER NOT NULL
        );
        INSERT INTO inventory_v2 (channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error, pending)
        SELECT channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error, acknowledged IS NOT desired
        FROM inventory ORDER BY channel, item_id, location_id;
        DROP TABLE inventory;
        ALTER TABLE inventory_v2 RENAME TO inventory;
        CREATE UNIQUE INDEX ux_inventory_key ON inventory (channel, item_id, location_id);
        CREATE INDEX ix_inventory_pending ON inventory (channel) WHERE pending = 1;
        """;

    // V3: the inventory journal. A burst of desired quantities is one row here (a compact blob of the rows that changed),
    // folded into the inventory table before inventory is claimed, acknowledged, rescheduled or read, and whenever it
    // grows past a threshold (see InventoryJournal).
    private const string V3 = """
        CREATE TABLE inventory_journal (
            seq INTEGER PRIMARY KEY,
            recorded_at INTEGER NOT NULL,
            changes INTEGER NOT NULL,
            rows BLOB NOT NULL
        );
        """;

    // V4: owned leases. A claim writes its owner token beside the lease; writes under a claim (complete, reschedule,
    // dead letter, acknowledge) check it, so a worker whose lease ran out cannot write over the next owner's work.
    private const string V4 = """
        ALTER TABLE work_items ADD COLUMN lease_owner TEXT;
        ALTER TABLE inventory ADD COLUMN lease_owner TEXT;
        """;

    // V5: order and shipment timelines for seller performance (IOrderTimelineStore). Fields merge in the upsert; the
    // indexes serve the listings by placement, ship-by and confirmation time.
    private const string V5 = """
        CREATE TABLE order_timelines (
            channel TEXT NOT NULL,
            order_id TEXT NOT NULL,
            placed_at INTEGER,
            ship_by INTEGER,
            accepted_at INTEGER,
            refused_at INTEGER,
            cancelled_at INTEGER,
            first_confirmed_at INTEGER,
            PRIMARY KEY (channel, order_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_order_timelines_placed ON order_timelines (channel, placed_at);
        CREATE INDEX ix_order_timelines_ship_by ON order_timelines (channel, ship_by);

        CREATE TABLE shipment_timelines (
            channel TEXT NOT NULL,
            shipment_id TEXT NOT NULL,
            order_id TEXT NOT NULL,
            shipped_at INTEGER NOT NULL,
            confirmed_at INTEGER NOT NULL,
            carrier TEXT,
            valid_tracking INTEGER NOT NULL,
            PRIMARY KEY (channel, shipment_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_shipment_timelines_confirmed ON shipment_timelines (channel, confirmed_at);
        """;

    // V6: the price flow. Base prices per SKU and currency (amounts as invariant decimal text, exact), and one row per
    // channel item and currency with the desired and acknowledged price in ChannelPrice's canonical text form, so
    // "pending" is a text comparison and a new price field needs no migration.
    private const string V6 = """
        CREATE TABLE base_prices (
            sku TEXT NOT NULL,
            currency TEXT NOT NULL,
            amount TEXT NOT NULL,
            cost TEXT,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (sku, currency)
        ) WITHOUT ROWID;

        CREATE TABLE prices (
            channel TEXT NOT NULL,
            item_id TEXT NOT NULL,
            currency TEXT NOT NULL,
            desired TEXT NOT NULL,
            acknowledged TEXT,
            version INTEGER NOT NULL,
            sku TEXT,
            attempts INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            lease_until INTEGER NOT NULL,
            last_error TEXT,
            hold_reason TEXT,
            PRIMARY KEY (channel, item_id, currency)
        ) WITHOUT ROWID;
        CREATE INDEX ix_prices_pending ON prices (channel, next_attempt_at) WHERE acknowledged IS NOT desired AND hold_reason IS NULL;
        """;

    // V7: daily quota budgets (IQuotaStore). One count per channel, window start (UTC ticks) and listing; listing ''
    // is the channel's call count, any other value one listing's revision count.
    private const string V7 = """
        CREATE TABLE quota_usage (
            channel TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            listing TEXT NOT NULL,
            used INTEGER NOT NULL,
            PRIMARY KEY (channel, window_start, listing)
        ) WITHOUT ROWID;
        """;

    // V8: the listing actions' zero lists (IListingZeroStore): one row per channel and item set to zero.
    private const string V8 = """
        CREATE TABLE listing_zero (
            channel TEXT NOT NULL,
            item_id TEXT NOT NULL,
            PRIMARY KEY (channel, item_id)
        ) WITHOUT ROWID;
        """;

    // V9: the zero lists' change counter (IListingZeroStore.GetZeroedListingVersionAsync): one row, bumped by every
    // replace in its transaction, read by every host at each push pass.
    private const string V9 = """
        CREATE TABLE listing_zero_version (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO listing_zero_version (id, version) VALUES (1, 0);
        """;

    /// <summary>The migrations, oldest first.</summary>
    public static IReadOnlyList<string> Migrations { get; } = [V1, V2, V3, V4, V5, V6, V7, V8, V9];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Migrations.Count;
}
