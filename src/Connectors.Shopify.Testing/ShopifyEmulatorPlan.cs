namespace Connectors.Testing.Shopify;

/// <summary>Shopify plans and their Admin GraphQL cost limits (bucket size / restore rate per second).</summary>
public enum ShopifyEmulatorPlan
{
    /// <summary>Standard plans: 2000 points, 100 per second.</summary>
    Standard = 0,

    /// <summary>Advanced: 4000 points, 200 per second.</summary>
    Advanced,

    /// <summary>Shopify Plus: 20000 points, 1000 per second.</summary>
    Plus,
}
