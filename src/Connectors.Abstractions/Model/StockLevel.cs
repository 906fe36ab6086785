using Connectors.Internal;

namespace Connectors;

/// <summary>
/// The warehouse's stock of one SKU at one location, as absolute figures (never deltas), so that repeated or
/// reordered events converge on the same state.
/// </summary>
public sealed record StockLevel
{
    /// <summary>Creates a stock level.</summary>
    /// <param name="sku">The WMS SKU.</param>
    /// <param name="locationId">The WMS location (warehouse, site) id.</param>
    /// <param name="onHand">Units physically in stock; not negative.</param>
    /// <param name="reserved">Units already promised to orders the WMS holds; not negative.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or negative.</exception>
    public StockLevel(string sku, string locationId, decimal onHand, decimal reserved = 0m)
    {
        Sku = Guard.NotEmpty(sku, nameof(Sku));
        LocationId = Guard.NotEmpty(locationId, nameof(LocationId));
        OnHand = Guard.NotNegative(onHand, nameof(OnHand));
        Reserved = Guard.NotNegative(reserved, nameof(Reserved));
    }

    /// <summary>The WMS SKU.</summary>
    public string Sku { get; }

    /// <summary>The WMS location id.</summary>
    public string LocationId { get; }

    /// <summary>Units physically in stock.</summary>
    public decimal OnHand { get; }

    /// <summary>Units already promised to orders the WMS holds.</summary>
    public decimal Reserved { get; }

    /// <summary>On hand less reserved, never below zero.</summary>
    public decimal Free => Math.Max(0m, OnHand - Reserved);
}
