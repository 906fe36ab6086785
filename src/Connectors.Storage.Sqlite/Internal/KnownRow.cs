namespace Connectors.Storage.Sqlite.Internal;

/// <summary>What the writer knows of one inventory row: its id, and its desired quantity and SKU with every journalled change applied.</summary>
internal readonly record struct KnownRow(long Id, int Desired, string? Sku);
