namespace Connectors.Shopify;

/// <summary>Names shared by the Shopify channel.</summary>
public static class ShopifyChannelDefaults
{
    /// <summary>The platform name of Shopify channels (<see cref="IChannel.Platform"/>).</summary>
    public const string Platform = "shopify";
}
