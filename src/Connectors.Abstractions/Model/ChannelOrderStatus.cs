namespace Connectors;

/// <summary>The life-cycle state of a channel order, normalised across platforms.</summary>
public enum ChannelOrderStatus
{
    /// <summary>Open and waiting to be fulfilled.</summary>
    Open = 0,

    /// <summary>Held by the merchant or the channel (for example WooCommerce <c>on-hold</c>).</summary>
    OnHold,

    /// <summary>Completed or closed.</summary>
    Completed,

    /// <summary>Cancelled.</summary>
    Cancelled,
}
