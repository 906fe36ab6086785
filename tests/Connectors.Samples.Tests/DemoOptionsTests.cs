using Connectors.Samples.ConsoleHost;

namespace Connectors.Samples.Tests;

/// <summary>Issue 19 item 10: the console sample's command line (System.CommandLine).</summary>
public sealed class DemoOptionsTests
{
    private static (int? Exit, DemoOptions Options, bool Live, string Output, string Error) Parse(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = DemoCommandLine.TryParse(args, output, error, out var options, out var live);
        return (exit, options, live, output.ToString(), error.ToString());
    }

    [Fact]
    public void TryParse_Flags_SetsSizesAndDryRunAndLeavesSettingsToTheConfiguration()
    {
        var (exit, options, live, _, error) = Parse("--skus", "300", "--orders", "12", "--dry-run", "--live", "--seed", "7", "--Connectors:Shopify:ShopDomain=x.myshopify.com");

        Assert.Null(exit);
        Assert.Equal(string.Empty, error);
        Assert.Equal((300, 12, true, 7, true), (options.Skus, options.Orders, options.DryRun, options.Seed, live));
        Assert.True(DemoCommandLine.IsSetting("--Connectors:Shopify:ShopDomain=x.myshopify.com"));
    }

    [Fact]
    public void TryParse_NoFlags_Defaults()
    {
        var (exit, options, live, _, _) = Parse();

        Assert.Null(exit);
        Assert.Equal((2000, 40, false, 42, false, null), (options.Skus, options.Orders, options.DryRun, options.Seed, live, options.DataDirectory));
    }

    [Fact]
    public void TryParse_WarehouseSapEwm_SelectsIt()
    {
        var (exit, options, _, _, _) = Parse("--warehouse", "sap-ewm");

        Assert.Null(exit);
        Assert.Equal("sap-ewm", options.Warehouse);
        Assert.Equal("demo", Parse().Options.Warehouse);
    }

    [Fact]
    public void TryParse_UnknownWarehouse_UsageError()
    {
        var (exit, _, _, _, error) = Parse("--warehouse", "sap");

        Assert.Equal(DemoCommandLine.UsageError, exit);
        Assert.Contains("sap-ewm", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Help_PrintsEveryOptionAndExitsZero()
    {
        var (exit, _, _, output, _) = Parse("--help");

        Assert.Equal(0, exit);
        foreach (var flag in new[] { "--dry-run", "--live", "--skus <N>", "--orders <N>", "--seed <N>", "--warehouse <demo|sap-ewm>", "--data <DIR>", "--help" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--skuz", "5")]
    [InlineData("--dryrun")]
    [InlineData("--Connectors:Shopify:ShopDomain")]
    public void TryParse_UnknownFlag_ShortErrorAndExitCode2(params string[] args)
    {
        var (exit, _, _, output, error) = Parse(args);

        Assert.Equal(DemoCommandLine.UsageError, exit);
        Assert.Contains($"'{args[0]}'", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Theory]
    [InlineData("--skus", "many", "--skus must be a whole number of at least 10; got 'many'.")]
    [InlineData("--skus", "5", "--skus must be a whole number of at least 10; got '5'.")]
    [InlineData("--orders", "1", "--orders must be a whole number of at least 2; got '1'.")]
    public void TryParse_BadValue_NamesTheFlagAndExitCode2(string flag, string value, string expected)
    {
        var (exit, _, _, _, error) = Parse(flag, value);

        Assert.Equal(DemoCommandLine.UsageError, exit);
        Assert.Contains("error: " + expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
