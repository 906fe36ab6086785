namespace Connectors;

/// <summary>Where an order stands between the channel and the WMS.</summary>
public enum OrderRecordStatus
{
    /// <summary>Received from the channel, not yet decided.</summary>
    Received = 0,

    /// <summary>Held by the release rules (for example not paid yet).</summary>
    Held,

    /// <summary>Accepted by the WMS.</summary>
    Submitted,

    /// <summary>Cancelled (in the WMS too where it had it).</summary>
    Cancelled,

    /// <summary>Rejected by the release rules, mapping or the WMS; see the dead letters.</summary>
    Rejected,
}
