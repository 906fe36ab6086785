using System.ComponentModel.DataAnnotations;

namespace Connectors.Samples.CustomConnector;

/// <summary>Settings of one market stall channel. Validated when the host starts.</summary>
public sealed class MarketStallOptions
{
    /// <summary>The stall's name on the marketplace (in a real connector: the shop URL or account id).</summary>
    [Required]
    public string? StallName { get; set; }

    /// <summary>The most stock updates sent in one call.</summary>
    /// <value>Default 50; from 1 to 500.</value>
    [Range(1, 500)]
    public int MaxBatchSize { get; set; } = 50;

    /// <summary>The tag that tells the seller the warehouse has an order; the WMS reference is appended after a colon.</summary>
    /// <value>Default <c>wms</c>.</value>
    [Required]
    public string AcknowledgementTag { get; set; } = "wms";
}
