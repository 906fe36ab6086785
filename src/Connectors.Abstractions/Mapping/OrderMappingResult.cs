namespace Connectors;

/// <summary>A channel order mapped to WMS terms, with the release decision the rules made.</summary>
/// <param name="Order">The warehouse order.</param>
/// <param name="Release">Release, hold or reject.</param>
/// <param name="Reason">Why held or rejected.</param>
/// <param name="Warnings">Non-fatal findings (an address line cut to the WMS's length, a fallback carrier).</param>
public sealed record OrderMappingResult(
    WarehouseOrder Order,
    ReleaseDecision Release,
    string? Reason = null,
    IReadOnlyList<string>? Warnings = null);
