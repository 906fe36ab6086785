namespace Connectors;

/// <summary>
/// An exception event: the WMS refused an order submission, modification, cancellation or expected return (for
/// example "already picked"). Kept as a dead letter, so it can be inspected, replayed or discarded through
/// <see cref="IDeadLetters"/>, and counted by the <c>connectors.orders.exceptions</c> metric.
/// </summary>
/// <param name="DeadLetterId">The dead letter holding it.</param>
/// <param name="Channel">The channel instance.</param>
/// <param name="Flow">The flow (<c>orders</c> or <c>returns</c>).</param>
/// <param name="Reason">The WMS's reason, with the operation and order.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="OccurredAt">When the refusal was recorded.</param>
public sealed record OrderException(string DeadLetterId, string Channel, string Flow, string Reason, int Attempts, DateTimeOffset OccurredAt);
