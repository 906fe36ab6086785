namespace Connectors.Samples.CustomConnector.Platform;

/// <summary>An order as the market stall holds it (the platform's own model).</summary>
/// <param name="Id">The stall's order id.</param>
/// <param name="Lines">The lines.</param>
/// <param name="Currency">The currency of every price.</param>
/// <param name="PlacedAt">When the buyer placed it.</param>
/// <param name="ModifiedAt">When it last changed; moves on every write, the seller's too.</param>
/// <param name="IsPaid">Whether the buyer paid.</param>
/// <param name="IsCancelled">Whether the buyer cancelled.</param>
/// <param name="Tags">Tags the seller put on it.</param>
public sealed record StallOrder(
    string Id,
    IReadOnlyList<StallOrderLine> Lines,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset ModifiedAt,
    bool IsPaid,
    bool IsCancelled,
    IReadOnlyList<string> Tags);
