namespace Connectors;

/// <summary>Which price rows a listing returns.</summary>
public enum PriceRowFilter
{
    /// <summary>Every row.</summary>
    All = 0,

    /// <summary>Rows whose desired price the channel has not acknowledged (held ones included).</summary>
    Pending,

    /// <summary>Rows whose change is held for a person.</summary>
    Held,
}
