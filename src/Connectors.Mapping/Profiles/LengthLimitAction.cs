namespace Connectors.Mapping.Profiles;

/// <summary>What happens when an address field is longer than the WMS allows.</summary>
public enum LengthLimitAction
{
    /// <summary>Cut to the limit, with a warning on the mapping result.</summary>
    Warn = 0,

    /// <summary>A mapping error: the order is not mapped.</summary>
    Error,
}
