namespace Connectors;

/// <summary>The WMS's answer to an order submission, change or cancellation.</summary>
/// <param name="Outcome">Accepted or refused.</param>
/// <param name="WarehouseReference">The WMS's reference for the order, when accepted.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record WarehouseOrderResult(WarehouseOrderOutcome Outcome, string? WarehouseReference = null, string? Reason = null)
{
    /// <summary>An accepted result.</summary>
    /// <param name="warehouseReference">The WMS reference.</param>
    /// <returns>The result.</returns>
    public static WarehouseOrderResult Accepted(string warehouseReference) => new(WarehouseOrderOutcome.Accepted, warehouseReference);

    /// <summary>A refused result.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static WarehouseOrderResult Refused(string reason) => new(WarehouseOrderOutcome.Refused, null, reason);
}
