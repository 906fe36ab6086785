using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Connectors.Inventory;
using Connectors.Orders;
using Connectors.Prices;

namespace Connectors;

/// <summary>Engine-wide settings: retries, leases and retention. Validated when the host starts.</summary>
public sealed class ConnectorsOptions
{
    /// <summary>How long a claimed work item or inventory row stays leased before another worker may take it.</summary>
    /// <value>Default 2 minutes; from 1 second to 1 hour.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts after which a transiently failing item is dead-lettered.</summary>
    /// <value>Default 10; from 1 to 1000.</value>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry delay; it doubles per attempt, with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    /// <value>Default 1 second; from 1 millisecond to 1 hour.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest retry delay.</summary>
    /// <value>Default 5 minutes; from 1 millisecond to 1 day; not below <see cref="RetryBaseDelay"/>.</value>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long completed inbox/outbox items and idempotency keys are kept for de-duplication.</summary>
    /// <value>Default 7 days; from 1 minute to 365 days.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Inventory flow settings.</summary>
    [ValidateObjectMembers]
    public InventorySyncOptions Inventory { get; set; } = new();

    /// <summary>Order, fulfilment and returns flow settings.</summary>
    [ValidateObjectMembers]
    public OrderFlowOptions Orders { get; set; } = new();

    /// <summary>Settings of the price flow (checked by its own validator: decimal ranges are beyond DataAnnotations here).</summary>
    public PriceSyncOptions Prices { get; set; } = new();
}
