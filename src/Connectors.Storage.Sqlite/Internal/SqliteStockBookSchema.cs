namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Migration 2: the stock book (<see cref="IStockBookStore"/>). One generation row, bumped by every stock change and, through
/// triggers, by every change to the reservation lines (the oversell windows); levels and known SKUs with the generation
/// that wrote them; and the generation each inventory row was computed from.
/// </summary>
internal static class SqliteStockBookSchema
{
    public const string V2 = """
        ALTER TABLE inventory ADD COLUMN stock_generation INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE stock_book (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            generation INTEGER NOT NULL,
            complete INTEGER NOT NULL
        );
        INSERT INTO stock_book (id, generation, complete) VALUES (1, 0, 0);

        CREATE TABLE stock_levels (
            sku TEXT NOT NULL,
            location_id TEXT NOT NULL,
            on_hand TEXT NOT NULL,
            reserved TEXT NOT NULL,
            generation INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (sku, location_id)
        ) WITHOUT ROWID;

        CREATE TABLE stock_skus (
            sku TEXT NOT NULL PRIMARY KEY,
            generation INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE INDEX ix_reservation_lines_sku ON reservation_lines (sku);
        CREATE TRIGGER tr_reservation_lines_insert AFTER INSERT ON reservation_lines
        BEGIN UPDATE stock_book SET generation = generation + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_reservation_lines_delete AFTER DELETE ON reservation_lines
        BEGIN UPDATE stock_book SET generation = generation + 1 WHERE id = 1; END;
        """;
}
