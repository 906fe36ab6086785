namespace Connectors;

/// <summary>How the WMS answered an order submission, change or cancellation.</summary>
public enum WarehouseOrderOutcome
{
    /// <summary>Accepted (or, for a repeat with the same idempotency key, already accepted).</summary>
    Accepted = 0,

    /// <summary>Refused for good (already picked, already shipped, unknown SKU); becomes an exception event.</summary>
    Refused,
}
