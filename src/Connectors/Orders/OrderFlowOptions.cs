using System.ComponentModel.DataAnnotations;

namespace Connectors.Orders;

/// <summary>Order, fulfilment and returns flow settings.</summary>
public sealed class OrderFlowOptions
{
    /// <summary>How far before the stored cursor each poll starts again, so orders updated near a page boundary or under clock skew are not missed.</summary>
    /// <value>Default 5 minutes; from zero to 1 day.</value>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Inbox items one processing pass claims.</summary>
    /// <value>Default 50; from 1 to 1000.</value>
    [Range(1, 1000)]
    public int InboxBatchSize { get; set; } = 50;
}
