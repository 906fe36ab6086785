namespace Connectors;

/// <summary>What one dispatch pass did for a channel.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="Batches">Batches sent, failed ones included.</param>
/// <param name="Applied">Items the channel applied (now acknowledged).</param>
/// <param name="Rejected">Items the channel rejected (dead-lettered and parked).</param>
/// <param name="Rescheduled">Items rescheduled after a transient failure.</param>
/// <param name="DeadLettered">Items dead-lettered: rejected ones plus those out of attempts.</param>
public sealed record InventoryDispatchResult(string Channel, int Batches, int Applied, int Rejected, int Rescheduled, int DeadLettered);
