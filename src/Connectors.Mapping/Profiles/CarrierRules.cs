namespace Connectors.Mapping.Profiles;

/// <summary>Shipping method as the channel names it (without case) to the WMS carrier service, with a fallback.</summary>
public sealed class CarrierRules
{
    /// <summary>Channel shipping method to WMS carrier service.</summary>
    public IDictionary<string, string> Map { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The carrier service when no entry matches (the result carries a warning).</summary>
    /// <value><see langword="null"/> by default.</value>
    public string? Fallback { get; set; }

    /// <summary>When no entry matches and there is no fallback: <see langword="true"/> raises a mapping error, <see langword="false"/> passes the channel's method through with a warning.</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool RequireMatch { get; set; }
}
