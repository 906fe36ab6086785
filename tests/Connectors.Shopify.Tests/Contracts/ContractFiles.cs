namespace Connectors.Shopify.Tests.Contracts;

/// <summary>Finds the shared platform contracts (<c>shared/contracts</c>) from the test binary upwards.</summary>
internal static class ContractFiles
{
    public static string ShopifyDirectory { get; } = Find();

    private static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CONNECTORS_CONTRACTS");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(Path.Combine(fromEnv, "shopify")))
        {
            return Path.Combine(fromEnv, "shopify");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "contracts", "shopify"), Path.Combine(dir.FullName, "contracts", "shopify") })
            {
                if (File.Exists(Path.Combine(candidate, "2026-01.schema.graphql")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("The Shopify contracts (shared/contracts/shopify) were not found; set CONNECTORS_CONTRACTS.");
    }

    public static string Webhook(string topic) => File.ReadAllText(Path.Combine(ShopifyDirectory, "webhooks", topic + ".json"));
}
