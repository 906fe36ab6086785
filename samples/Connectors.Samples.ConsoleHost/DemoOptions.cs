namespace Connectors.Samples.ConsoleHost;

/// <summary>What the demo runs: catalogue size, orders, dry run, where the SQLite state lives.</summary>
internal sealed record DemoOptions
{
    /// <summary>Channel instance name of the Shopify store.</summary>
    public const string ShopifyChannel = "shopify-demo";

    /// <summary>Channel instance name of the WooCommerce shop.</summary>
    public const string WooChannel = "woo-demo";

    /// <summary>Channel instance name of the Magento store (emulated runs only).</summary>
    public const string MagentoChannel = "magento-demo";

    /// <summary>WMS SKUs in the generated catalogue (default 2000).</summary>
    public int Skus { get; init; } = 2000;

    /// <summary>Orders placed, split between the shops (default 40).</summary>
    public int Orders { get; init; } = 40;

    /// <summary>Show what a full sync would push and push nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Folder of the SQLite state file (default: a fresh temp folder).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The warehouse behind the shops: <c>demo</c> (the in-process demo WMS, default) or <c>sap-ewm</c> (the SAP EWM emulator through <c>AddSapEwm</c>).</summary>
    public string Warehouse { get; init; } = "demo";

    /// <summary>Seed of the catalogue and order generator.</summary>
    public int Seed { get; init; } = 42;
}
