namespace Connectors;

/// <summary>The WMS's answer to an order submission, change or cancellation.</summary>
public sealed record WarehouseOrderResult
{
    /// <summary>Accepted or refused.</summary>
    public required WarehouseOrderOutcome Outcome { get; init; }

    /// <summary>The WMS's reference for the order, when accepted.</summary>
    public string? WarehouseReference { get; init; }

    /// <summary>Why it was refused.</summary>
    public string? Reason { get; init; }

    /// <summary>An accepted result.</summary>
    /// <param name="warehouseReference">The WMS reference.</param>
    /// <returns>The result.</returns>
    public static WarehouseOrderResult Accepted(string warehouseReference) => new()
    {
        Outcome = WarehouseOrderOutcome.Accepted,
        WarehouseReference = warehouseReference,
    };

    /// <summary>A refused result.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static WarehouseOrderResult Refused(string reason) => new()
    {
        Outcome = WarehouseOrderOutcome.Refused,
        WarehouseReference = null,
        Reason = reason,
    };
}
