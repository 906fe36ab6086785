namespace Connectors.Samples.ConsoleHost;

/// <summary>What the demo runs: catalogue size, orders, dry run, where the SQLite state lives.</summary>
internal sealed record DemoOptions
{
    /// <summary>Channel instance name of the Shopify store.</summary>
    public const string ShopifyChannel = "shopify-demo";

    /// <summary>Channel instance name of the WooCommerce shop.</summary>
    public const string WooChannel = "woo-demo";

    /// <summary>WMS SKUs in the generated catalogue (default 2000).</summary>
    public int Skus { get; init; } = 2000;

    /// <summary>Orders placed, split between the two shops (default 40).</summary>
    public int Orders { get; init; } = 40;

    /// <summary>Show what a full sync would push and push nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Folder of the SQLite state file (default: a fresh temp folder).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Seed of the catalogue and order generator.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Parses <c>--dry-run</c>, <c>--skus N</c>, <c>--orders N</c>, <c>--data DIR</c>.</summary>
    public static DemoOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DemoOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    options = options with { DryRun = true };
                    break;
                case "--skus" when i + 1 < args.Count:
                    options = options with { Skus = Positive(args[++i], "--skus", 10) };
                    break;
                case "--orders" when i + 1 < args.Count:
                    options = options with { Orders = Positive(args[++i], "--orders", 2) };
                    break;
                case "--data" when i + 1 < args.Count:
                    options = options with { DataDirectory = args[++i] };
                    break;
                default:
                    break; // everything else belongs to the configuration (--Connectors:Shopify:ShopDomain=...)
            }
        }

        return options;
    }

    private static int Positive(string text, string name, int min) =>
        int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{name} must be a whole number of at least {min}; got '{text}'.");
}
