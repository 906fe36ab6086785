namespace Connectors;

/// <summary>What happened to an order.</summary>
public enum OrderEventKind
{
    /// <summary>A new order.</summary>
    Created = 0,

    /// <summary>The order changed (lines, address, payment, status).</summary>
    Updated,

    /// <summary>The order was paid.</summary>
    Paid,

    /// <summary>The order was cancelled.</summary>
    Cancelled,
}
