namespace Connectors.Hosting;

/// <summary>How often the background workers run and how the webhook endpoints behave. Validated at start.</summary>
public sealed class ConnectorsHostingOptions
{
    /// <summary>
    /// How long a worker waits after a pass that found nothing to do. The inventory, inbox and outbox workers wake earlier
    /// when this process gives them work, so the delay only bounds how late they see work from another host.
    /// </summary>
    /// <value>Default 1 second; from 10 milliseconds to 10 minutes.</value>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the inventory worker, woken by a stock change while idle, gathers further changes before it pushes: a
    /// trickle of single changes then costs one shop call per period, not one per change, for this much latency.
    /// </summary>
    /// <value>Default 200 milliseconds; from zero to 1 minute.</value>
    public TimeSpan InventoryPushDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often each order channel is polled (the safety net behind webhooks).</summary>
    /// <value>Default 1 minute; from 100 milliseconds to 1 day.</value>
    public TimeSpan OrderPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many channels one worker (order polling, inventory dispatch) serves at the same time. Each channel has its own
    /// loop, so a channel that is slow, throttled or down holds one of these slots, never the other channels' turn.
    /// </summary>
    /// <value>Default 4; from 1 to 64.</value>
    public int MaxChannelsInParallel { get; set; } = 4;

    /// <summary>
    /// The longest one channel pass (a poll of its orders and returns, or a dispatch of its pending stock rows) may run;
    /// a pass still running then is cancelled and reported as the channel's failure in the health check.
    /// </summary>
    /// <value>Default 10 minutes; from 1 second to 1 day.</value>
    public TimeSpan ChannelPassTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether order and return channels are polled at all; with reliable webhooks a host may rely on them and reconciliation.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool PollOrders { get; set; } = true;

    /// <summary>
    /// Whether the price worker runs for channels that implement <see cref="IPriceChannel"/>: it pushes pending prices
    /// and reprices at start, at each sale boundary (<see cref="WorkSignals.NextPriceChangeAt"/>) and every
    /// <see cref="PriceRepriceInterval"/>.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool PushPrices { get; set; } = true;

    /// <summary>
    /// How often the price worker also reprices every channel besides the sale boundaries (for exchange rates that move,
    /// or a per-SKU sale of an item first priced on another host); <see langword="null"/> reprices only at start and at
    /// the boundaries.
    /// </summary>
    /// <value>Default <see langword="null"/>; from 1 minute to 7 days.</value>
    public TimeSpan? PriceRepriceInterval { get; set; }

    /// <summary>How often reconciliation runs; <see langword="null"/> turns the schedule off.</summary>
    /// <value>Default 1 hour; from 1 minute to 7 days.</value>
    public TimeSpan? ReconciliationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether scheduled reconciliation repairs what it finds, or only reports it.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RepairDrift { get; set; } = true;

    /// <summary>How often retention prunes completed work and old idempotency keys (older than <see cref="ConnectorsOptions.Retention"/>).</summary>
    /// <value>Default 1 hour; from 1 minute to 7 days.</value>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a full inventory sync runs when the host starts, so the channels match the WMS after downtime.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FullSyncOnStart { get; set; } = true;

    /// <summary>The largest webhook body accepted; larger requests get 413 and never reach the inbox.</summary>
    /// <value>Default 1 MiB; from 1 KiB to 64 MiB.</value>
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The scheduled listing report (off by default); bound from <c>Connectors:Hosting:ListingReports</c>.</summary>
    public ListingReportWorkerOptions ListingReports { get; } = new();

    /// <summary>Dead letters waiting on a channel at or above which its health check reports degraded.</summary>
    /// <value>Default 1; from 1 to 1,000,000.</value>
    public int DeadLetterDegradedThreshold { get; set; } = 1;
}
