namespace Connectors;

/// <summary>
/// A price the host publishes for a WMS item in one currency (<see cref="IConnectorEvents.PublishPricesAsync"/>): the
/// starting point from which each channel's pricing rules derive what that channel shows.
/// </summary>
public sealed record BasePrice
{
    /// <summary>The WMS SKU.</summary>
    public required string Sku { get; init; }

    /// <summary>The base selling price of one unit; not negative.</summary>
    public required Money Price { get; init; }

    /// <summary>
    /// What one unit costs the seller, in the same currency as <see cref="Price"/>, for cost-based floors (a minimum
    /// margin); <see langword="null"/> when unknown.
    /// </summary>
    public Money? Cost { get; init; }
}
