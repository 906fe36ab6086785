namespace Connectors;

/// <summary>The flow names used in dead letters, metrics and traces.</summary>
public static class ConnectorFlows
{
    /// <summary>WMS -> channel stock.</summary>
    public const string Inventory = "inventory";

    /// <summary>Channel -> WMS orders.</summary>
    public const string Orders = "orders";

    /// <summary>WMS -> channel shipments.</summary>
    public const string Fulfillment = "fulfillment";

    /// <summary>Returns, both ways.</summary>
    public const string Returns = "returns";

    /// <summary>Drift detection and repair.</summary>
    public const string Reconciliation = "reconciliation";

    /// <summary>WMS base prices -> channel prices.</summary>
    public const string Prices = "prices";

    /// <summary>Listing health: the listing report and the listing actions.</summary>
    public const string Listings = "listings";
}
