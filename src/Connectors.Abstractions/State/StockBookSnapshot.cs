namespace Connectors;

/// <summary>A consistent view of a store's stock book (<see cref="IStockBookStore.ReadStockAsync"/>).</summary>
public sealed record StockBookSnapshot
{
    /// <summary>The generation the view reflects: every change up to it, none after.</summary>
    public required long Generation { get; init; }

    /// <summary>Whether the book holds a full WMS snapshot, so SKUs it does not list hold nothing.</summary>
    public required bool Complete { get; init; }

    /// <summary>The requested SKUs the book knows (a SKU may be known with no levels: no stock anywhere).</summary>
    public required IReadOnlyCollection<string> KnownSkus { get; init; }

    /// <summary>The stock levels of the requested SKUs.</summary>
    public required IReadOnlyList<StockLevel> Levels { get; init; }

    /// <summary>Per SKU, the units the open reservations hold back (the oversell window); SKUs with none are left out.</summary>
    public required IReadOnlyList<ReservedQuantity> Reserved { get; init; }
}
