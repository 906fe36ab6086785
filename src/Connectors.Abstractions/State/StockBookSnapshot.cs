namespace Connectors;

/// <summary>A consistent view of a store's stock book (<see cref="IStockBookStore.ReadStockAsync"/>).</summary>
/// <param name="Generation">The generation the view reflects: every change up to it, none after.</param>
/// <param name="Complete">Whether the book holds a full WMS snapshot, so SKUs it does not list hold nothing.</param>
/// <param name="KnownSkus">The requested SKUs the book knows (a SKU may be known with no levels: no stock anywhere).</param>
/// <param name="Levels">The stock levels of the requested SKUs.</param>
/// <param name="Reserved">Per SKU, the units the open reservations hold back (the oversell window); SKUs with none are left out.</param>
public sealed record StockBookSnapshot(
    long Generation,
    bool Complete,
    IReadOnlyCollection<string> KnownSkus,
    IReadOnlyList<StockLevel> Levels,
    IReadOnlyList<ReservedQuantity> Reserved);
