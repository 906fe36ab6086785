namespace Connectors;

/// <summary>One difference between the channel and the engine's or the WMS's truth.</summary>
public sealed record ReconciliationDifference
{
    /// <summary>Its class.</summary>
    public required ReconciliationDifferenceKind Kind { get; init; }

    /// <summary>What differs: <c>item@location</c>, an order id or a shipment id.</summary>
    public required string Key { get; init; }

    /// <summary>What the engine or WMS holds, as text (a quantity, a version), or <see langword="null"/>.</summary>
    public string? Expected { get; init; }

    /// <summary>What the channel shows, or <see langword="null"/> when it shows nothing.</summary>
    public string? Actual { get; init; }

    /// <summary>Whether the run repaired it (requeued, marked pending); <see langword="false"/> in a dry run or when the policy says no.</summary>
    public required bool Repaired { get; init; }

    /// <summary>A sentence for a person.</summary>
    public required string Description { get; init; }
}
