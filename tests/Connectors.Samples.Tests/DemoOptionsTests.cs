using Connectors.Samples.ConsoleHost;

namespace Connectors.Samples.Tests;

public sealed class DemoOptionsTests
{
    [Fact]
    public void Parse_Flags_SetsSizesAndDryRunAndIgnoresSettings()
    {
        var options = DemoOptions.Parse(["--skus", "300", "--orders", "12", "--dry-run", "--Connectors:Shopify:ShopDomain=x.myshopify.com"]);

        Assert.Equal(300, options.Skus);
        Assert.Equal(12, options.Orders);
        Assert.True(options.DryRun);
    }

    [Fact]
    public void Parse_BadNumber_ThrowsNamingTheFlag()
    {
        var error = Assert.Throws<ArgumentException>(() => DemoOptions.Parse(["--skus", "many"]));

        Assert.Contains("--skus", error.Message, StringComparison.Ordinal);
    }
}
