namespace Connectors;

/// <summary>A channel order mapped to WMS terms, with the release decision the rules made.</summary>
public sealed record OrderMappingResult
{
    /// <summary>The warehouse order.</summary>
    public required WarehouseOrder Order { get; init; }

    /// <summary>Release, hold or reject.</summary>
    public required ReleaseDecision Release { get; init; }

    /// <summary>Why held or rejected.</summary>
    public string? Reason { get; init; }

    /// <summary>Non-fatal findings (an address line cut to the WMS's length, a fallback carrier).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}
