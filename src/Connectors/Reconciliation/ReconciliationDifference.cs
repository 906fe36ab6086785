namespace Connectors;

/// <summary>One difference between the channel and the engine's or the WMS's truth.</summary>
/// <param name="Kind">Its class.</param>
/// <param name="Key">What differs: <c>item@location</c>, an order id or a shipment id.</param>
/// <param name="Expected">What the engine or WMS holds, as text (a quantity, a version), or <see langword="null"/>.</param>
/// <param name="Actual">What the channel shows, or <see langword="null"/> when it shows nothing.</param>
/// <param name="Repaired">Whether the run repaired it (requeued, marked pending); <see langword="false"/> in a dry run or when the policy says no.</param>
/// <param name="Description">A sentence for a person.</param>
public sealed record ReconciliationDifference(
    ReconciliationDifferenceKind Kind,
    string Key,
    string? Expected,
    string? Actual,
    bool Repaired,
    string Description);
