namespace Connectors.Samples.ConsoleHost;

/// <summary>What a demo run did, and what it found at the end.</summary>
internal sealed record DemoSummary
{
    /// <summary>True when the run was a dry run (nothing pushed).</summary>
    public bool DryRun { get; init; }

    /// <summary>Changes a full sync would push, per channel (dry run), or rows computed by the full sync.</summary>
    public IReadOnlyDictionary<string, int> PlannedChanges { get; init; } = new Dictionary<string, int>();

    /// <summary>Items the channels applied (all inventory pushes).</summary>
    public long ItemsPushed { get; init; }

    /// <summary>HTTP calls the channels made to the shops.</summary>
    public long ApiCalls { get; init; }

    /// <summary>Throttled responses (Shopify THROTTLED/429, WooCommerce 429) absorbed without reaching the engine.</summary>
    public long ThrottledAbsorbed { get; init; }

    /// <summary>Orders placed on the shops.</summary>
    public int OrdersPlaced { get; init; }

    /// <summary>Orders placed that were delivered by webhook.</summary>
    public int OrdersByWebhook { get; init; }

    /// <summary>Distinct orders the WMS holds.</summary>
    public int OrdersIngested { get; init; }

    /// <summary>Orders the WMS accepted more than once as new (should be zero).</summary>
    public int OrdersDuplicated { get; init; }

    /// <summary>Shipments the WMS published.</summary>
    public int ShipmentsPublished { get; init; }

    /// <summary>Of which split shipments (second parcel of an order).</summary>
    public int SplitShipments { get; init; }

    /// <summary>Shipments found on their channel, counted there.</summary>
    public int ShipmentsConfirmed { get; init; }

    /// <summary>Shipments found on their channel more than once (should be zero).</summary>
    public int ShipmentsDuplicated { get; init; }

    /// <summary>Returns requested on a shop.</summary>
    public int ReturnsRequested { get; init; }

    /// <summary>Returns the WMS expected and the shop shows as closed.</summary>
    public int ReturnsCompleted { get; init; }

    /// <summary>Differences the reconciliation found (and repaired).</summary>
    public int ReconciliationDifferences { get; init; }

    /// <summary>Prices the channels applied (every channel implementing <see cref="IPriceChannel"/>).</summary>
    public int PricesPushed { get; init; }

    /// <summary>Price changes held for a person (above the 50 % limit), not pushed.</summary>
    public int PricesHeld { get; init; }

    /// <summary>Acknowledged prices compared with what the WooCommerce and Shopify shops store.</summary>
    public int PricesChecked { get; init; }

    /// <summary>Prices the shop stores differently from what the engine recorded as applied (empty when all match).</summary>
    public IReadOnlyList<string> PriceMismatches { get; init; } = [];

    /// <summary>Dead letters in the state store at the end.</summary>
    public IReadOnlyList<DeadLetter> DeadLetters { get; init; } = [];

    /// <summary>Channel items checked against the WMS's available-to-sell at the end.</summary>
    public int LevelsChecked { get; init; }

    /// <summary>Channel items whose level differs from the WMS's available-to-sell at the end (should be empty).</summary>
    public IReadOnlyList<string> LevelMismatches { get; init; } = [];

    /// <summary>p50 of WMS change to channel acknowledgement, milliseconds.</summary>
    public double? LatencyP50Ms { get; init; }

    /// <summary>p99 of WMS change to channel acknowledgement, milliseconds.</summary>
    public double? LatencyP99Ms { get; init; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; init; }
}
