using System.Globalization;
using Npgsql;

namespace Connectors.Storage.PostgreSql.Internal;

/// <summary>
/// Creates and migrates the store's tables. Several hosts starting together take one advisory lock, so the schema
/// is migrated once; a database written by a newer version of the store is refused, never changed.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>The schema version this code writes.</summary>
    public const int CurrentVersion = 8;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var lockKey = LockKey(schema);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({lockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}; CREATE TABLE IF NOT EXISTS {schema}.schema_version (version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
            using var read = new NpgsqlCommand($"SELECT max(version) FROM {schema}.schema_version", connection);
            var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            var version = value is int v ? v : 0;
            if (version > CurrentVersion)
            {
                throw new ConnectorException(
                    $"The PostgreSQL schema '{schema}' is at version {version}, written by a newer Connectors.Storage.PostgreSql; this version knows up to {CurrentVersion}. Upgrade the package; the database was not changed.");
            }

            if (version < 1)
            {
                await ExecuteAsync(connection, Version1(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 2)
            {
                await ExecuteAsync(connection, Version2(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 3)
            {
                await ExecuteAsync(connection, Version3(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 4)
            {
                await ExecuteAsync(connection, Version4(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 5)
            {
                await ExecuteAsync(connection, Version5(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 6)
            {
                await ExecuteAsync(connection, Version6(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 7)
            {
                await ExecuteAsync(connection, Version7(schema), cancellationToken).ConfigureAwait(false);
            }

            if (version < 8)
            {
                await ExecuteAsync(connection, Version8(schema), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({lockKey})", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static long LockKey(string schema)
    {
        // A stable 63-bit key per schema (string.GetHashCode is randomised per process).
        long hash = 1469598103934665603;
        foreach (var c in "connectors:" + schema)
        {
            hash = unchecked((hash ^ c) * 1099511628211);
        }

        return hash & long.MaxValue;
    }

    // Times are UTC ticks (bigint): exact round trips, DateTimeOffset.MaxValue included.
    private static string Version1(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        CREATE TABLE {0}.inventory (
            channel text NOT NULL, item text NOT NULL, location text NOT NULL,
            desired integer NOT NULL, acknowledged integer NULL, version bigint NOT NULL, sku text NULL,
            attempts integer NOT NULL DEFAULT 0, next_attempt_at bigint NOT NULL, updated_at bigint NOT NULL,
            lease_until bigint NOT NULL DEFAULT 0, last_error text NULL,
            PRIMARY KEY (channel, item, location));
        CREATE INDEX inventory_pending ON {0}.inventory (channel, next_attempt_at) WHERE acknowledged IS DISTINCT FROM desired;
        CREATE TABLE {0}.work_items (
            queue smallint NOT NULL, id text NOT NULL, channel text NOT NULL, kind text NOT NULL, payload text NOT NULL,
            enqueued_at bigint NOT NULL, seq bigserial NOT NULL, attempts integer NOT NULL DEFAULT 0,
            next_attempt_at bigint NOT NULL, status smallint NOT NULL DEFAULT 0, last_error text NULL,
            lease_until bigint NOT NULL DEFAULT 0, completed_at bigint NULL,
            PRIMARY KEY (queue, id));
        CREATE INDEX work_items_due ON {0}.work_items (queue, enqueued_at, seq) WHERE status = 0;
        CREATE TABLE {0}.dead_letters (
            id text PRIMARY KEY, channel text NOT NULL, flow text NOT NULL, kind text NOT NULL, reason text NOT NULL,
            error_type text NULL, payload text NOT NULL, attempts integer NOT NULL, first_attempt_at bigint NOT NULL,
            dead_lettered_at bigint NOT NULL, source_queue smallint NULL);
        CREATE TABLE {0}.cursors (channel text NOT NULL, name text NOT NULL, value text NOT NULL, version bigint NOT NULL, PRIMARY KEY (channel, name));
        CREATE TABLE {0}.idempotency_keys (key text PRIMARY KEY, created_at bigint NOT NULL);
        CREATE TABLE {0}.order_records (
            channel text NOT NULL, order_id text NOT NULL, version bigint NOT NULL, status smallint NOT NULL,
            warehouse_reference text NULL, payload text NULL, updated_at bigint NOT NULL, PRIMARY KEY (channel, order_id));
        CREATE TABLE {0}.reservations (
            channel text NOT NULL, order_id text NOT NULL, skus text[] NOT NULL, quantities numeric[] NOT NULL,
            created_at bigint NOT NULL, PRIMARY KEY (channel, order_id));
        INSERT INTO {0}.schema_version (version) VALUES (1);
        """,
        s);

    // The shared stock book: one generation row (every stock or reservation change takes its row lock and bumps it, so
    // commits are in generation order), levels and known SKUs with the generation that wrote them, and the generation
    // each inventory row was computed from.
    private static string Version2(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        ALTER TABLE {0}.inventory ADD COLUMN stock_generation bigint NOT NULL DEFAULT 0;
        CREATE TABLE {0}.stock_book (id smallint PRIMARY KEY CHECK (id = 1), generation bigint NOT NULL, complete boolean NOT NULL);
        INSERT INTO {0}.stock_book (id, generation, complete) VALUES (1, 0, false);
        CREATE TABLE {0}.stock_levels (
            sku text NOT NULL, location text NOT NULL, on_hand numeric NOT NULL, reserved numeric NOT NULL,
            generation bigint NOT NULL, updated_at bigint NOT NULL, PRIMARY KEY (sku, location));
        CREATE INDEX stock_levels_generation ON {0}.stock_levels (generation);
        CREATE TABLE {0}.stock_skus (sku text PRIMARY KEY, generation bigint NOT NULL);
        CREATE INDEX reservations_skus ON {0}.reservations USING gin (skus);
        INSERT INTO {0}.schema_version (version) VALUES (2);
        """,
        s);

    // Owned leases: a claim writes its owner token beside the lease (lease_until, now on the database's clock), and
    // writes under a claim check it.
    private static string Version3(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        ALTER TABLE {0}.work_items ADD COLUMN lease_owner text NULL;
        ALTER TABLE {0}.inventory ADD COLUMN lease_owner text NULL;
        INSERT INTO {0}.schema_version (version) VALUES (3);
        """,
        s);

    // Order and shipment timelines for seller performance (IOrderTimelineStore): fields merge in the upsert, so hosts
    // recording the same order concurrently cannot lose one; indexes serve the listings by placement, ship-by and
    // confirmation time.
    private static string Version4(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        CREATE TABLE {0}.order_timelines (
            channel text NOT NULL, order_id text NOT NULL, placed_at bigint NULL, ship_by bigint NULL, accepted_at bigint NULL,
            refused_at bigint NULL, cancelled_at bigint NULL, first_confirmed_at bigint NULL, PRIMARY KEY (channel, order_id));
        CREATE INDEX order_timelines_placed ON {0}.order_timelines (channel, placed_at);
        CREATE INDEX order_timelines_ship_by ON {0}.order_timelines (channel, ship_by);
        CREATE TABLE {0}.shipment_timelines (
            channel text NOT NULL, shipment_id text NOT NULL, order_id text NOT NULL, shipped_at bigint NOT NULL,
            confirmed_at bigint NOT NULL, carrier text NULL, valid_tracking boolean NOT NULL, PRIMARY KEY (channel, shipment_id));
        CREATE INDEX shipment_timelines_confirmed ON {0}.shipment_timelines (channel, confirmed_at);
        INSERT INTO {0}.schema_version (version) VALUES (4);
        """,
        s);

    // The price flow: base prices per SKU and currency (numeric keeps the decimal exact, scale included), and one row
    // per channel item and currency with the desired and acknowledged price in ChannelPrice's canonical text form, so
    // "pending" is a text comparison and a new price field needs no migration.
    private static string Version5(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        CREATE TABLE {0}.base_prices (
            sku text NOT NULL, currency text NOT NULL, amount numeric NOT NULL, cost numeric NULL, updated_at bigint NOT NULL,
            PRIMARY KEY (sku, currency));
        CREATE TABLE {0}.prices (
            channel text NOT NULL, item text NOT NULL, currency text NOT NULL,
            desired text NOT NULL, acknowledged text NULL, version bigint NOT NULL, sku text NULL,
            attempts integer NOT NULL DEFAULT 0, next_attempt_at bigint NOT NULL, updated_at bigint NOT NULL,
            lease_until bigint NOT NULL DEFAULT 0, last_error text NULL, hold_reason text NULL,
            PRIMARY KEY (channel, item, currency));
        CREATE INDEX prices_pending ON {0}.prices (channel, next_attempt_at) WHERE acknowledged IS DISTINCT FROM desired AND hold_reason IS NULL;
        INSERT INTO {0}.schema_version (version) VALUES (5);
        """,
        s);

    // Daily quota budgets: one count per channel, window start (UTC ticks) and listing; listing '' is the channel's call
    // count. last_grant holds what the latest call spend granted, so the spend is one upsert that returns it.
    private static string Version6(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        CREATE TABLE {0}.quota_usage (
            channel text NOT NULL, window_start bigint NOT NULL, listing text NOT NULL,
            used integer NOT NULL, last_grant integer NOT NULL DEFAULT 0,
            PRIMARY KEY (channel, window_start, listing));
        INSERT INTO {0}.schema_version (version) VALUES (6);
        """,
        s);

    // The listing actions' zero lists: one row per channel and item set to zero.
    private static string Version7(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        CREATE TABLE {0}.listing_zero (
            channel text NOT NULL, item text NOT NULL,
            PRIMARY KEY (channel, item));
        INSERT INTO {0}.schema_version (version) VALUES (7);
        """,
        s);

    // The zero lists' change counter: one row, bumped by every replace, read by every host at each push pass.
    private static string Version8(string s) => string.Format(
        CultureInfo.InvariantCulture,
        """
        CREATE TABLE {0}.listing_zero_version (
            id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
        INSERT INTO {0}.listing_zero_version (id, version) VALUES (1, 0);
        INSERT INTO {0}.schema_version (version) VALUES (8);
        """,
        s);
}
