namespace Connectors;

/// <summary>What one reconciliation run of a channel compares, and whether it repairs.</summary>
public sealed record ReconciliationRequest
{
    /// <summary>Creates a request for a channel; by default every check runs and repairs follow the configured policy.</summary>
    /// <param name="channel">The channel instance.</param>
    public ReconciliationRequest(string channel)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        Channel = channel;
    }

    /// <summary>The channel instance.</summary>
    public string Channel { get; }

    /// <summary>When <see langword="true"/>, differences are found and reported but nothing is repaired.</summary>
    public bool DryRun { get; init; }

    /// <summary>Whether to compare the channel's inventory levels with the engine's acknowledged quantities.</summary>
    public bool Inventory { get; init; } = true;

    /// <summary>Whether to look for channel orders the inbox never saw.</summary>
    public bool Orders { get; init; } = true;

    /// <summary>
    /// Shipments the WMS confirmed (for example the last days' from the host's WMS) to check against the channel's
    /// fulfilments; empty skips the check. The WMS port has no shipment listing, so the host supplies them.
    /// </summary>
    public IReadOnlyList<WarehouseShipment> Shipments { get; init; } = [];

    /// <summary>The start of the order window; <see langword="null"/> means now minus <see cref="Connectors.Orders.OrderFlowOptions.ReconciliationWindow"/>.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>The end of the order window; <see langword="null"/> means now.</summary>
    public DateTimeOffset? Until { get; init; }
}
