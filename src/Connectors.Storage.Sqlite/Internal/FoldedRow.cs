namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// The net effect of the journalled changes of one row: its last desired quantity, how many changes led there (the
/// version grows by one per change), the time of the last change and the last SKU given with a change.
/// </summary>
internal record struct FoldedRow(int Desired, int Changes, long ChangedAt, string? Sku);
