namespace Connectors;

/// <summary>
/// An exception event: the WMS refused an order submission, modification, cancellation or expected return (for
/// example "already picked"). Kept as a dead letter, so it can be inspected, replayed or discarded through
/// <see cref="IDeadLetters"/>, and counted by the <c>connectors.orders.exceptions</c> metric.
/// </summary>
public sealed record OrderException
{
    /// <summary>The dead letter holding it.</summary>
    public required string DeadLetterId { get; init; }

    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The flow (<c>orders</c> or <c>returns</c>).</summary>
    public required string Flow { get; init; }

    /// <summary>The WMS's reason, with the operation and order.</summary>
    public required string Reason { get; init; }

    /// <summary>Attempts made.</summary>
    public required int Attempts { get; init; }

    /// <summary>When the refusal was recorded.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
