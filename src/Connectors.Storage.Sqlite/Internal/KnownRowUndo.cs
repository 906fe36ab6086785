namespace Connectors.Storage.Sqlite.Internal;

/// <summary>How to undo one change to the writer's known rows if the transaction rolls back.</summary>
/// <param name="Key">The row's key.</param>
/// <param name="Existed">Whether the key was known before; if not, undoing forgets it.</param>
/// <param name="Previous">What was known before, when <paramref name="Existed"/>.</param>
internal readonly record struct KnownRowUndo(InventoryKey Key, bool Existed, KnownRow Previous);
