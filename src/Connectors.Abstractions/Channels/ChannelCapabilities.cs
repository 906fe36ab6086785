using Connectors.Internal;

namespace Connectors;

/// <summary>What a channel supports. The engine sizes batches and chooses paths from these.</summary>
public sealed record ChannelCapabilities
{
    /// <summary>Creates a capability set.</summary>
    /// <param name="maxInventoryBatchSize">The most inventory targets one push may carry; greater than zero.</param>
    /// <param name="supportsMultipleLocations">Whether the channel keeps stock per location.</param>
    /// <param name="supportsPartialFulfillment">Whether a fulfilment may cover part of an order.</param>
    /// <param name="supportsWebhooks">Whether the channel delivers webhooks.</param>
    /// <param name="supportsReturns">Whether the channel has return requests.</param>
    /// <param name="supportsOrderAcknowledgement">Whether the channel can record that the WMS received an order.</param>
    /// <exception cref="ConnectorValidationException">The batch size is not positive.</exception>
    public ChannelCapabilities(
        int maxInventoryBatchSize = 1,
        bool supportsMultipleLocations = false,
        bool supportsPartialFulfillment = true,
        bool supportsWebhooks = false,
        bool supportsReturns = false,
        bool supportsOrderAcknowledgement = false)
    {
        MaxInventoryBatchSize = Guard.Positive(maxInventoryBatchSize, nameof(MaxInventoryBatchSize));
        SupportsMultipleLocations = supportsMultipleLocations;
        SupportsPartialFulfillment = supportsPartialFulfillment;
        SupportsWebhooks = supportsWebhooks;
        SupportsReturns = supportsReturns;
        SupportsOrderAcknowledgement = supportsOrderAcknowledgement;
    }

    /// <summary>The most inventory targets one push may carry.</summary>
    public int MaxInventoryBatchSize { get; }

    /// <summary>Whether the channel keeps stock per location.</summary>
    public bool SupportsMultipleLocations { get; }

    /// <summary>Whether a fulfilment may cover part of an order.</summary>
    public bool SupportsPartialFulfillment { get; }

    /// <summary>Whether the channel delivers webhooks.</summary>
    public bool SupportsWebhooks { get; }

    /// <summary>Whether the channel has return requests.</summary>
    public bool SupportsReturns { get; }

    /// <summary>Whether the channel can record that the WMS received an order.</summary>
    public bool SupportsOrderAcknowledgement { get; }
}
