using System.CommandLine;
using System.Globalization;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The sample's command line (System.CommandLine): <c>--help</c>, the demo's flags, and settings passed as
/// <c>--Connectors:Section:Key=value</c>. An unknown flag or a bad value is a short error on stderr and exit code 2.
/// </summary>
internal static class DemoCommandLine
{
    /// <summary>The exit code of a command line that cannot be used (unknown flag, bad value).</summary>
    public const int UsageError = 2;

    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Show what a full sync would push and push nothing." };

    private static readonly Option<bool> Live = new("--live") { Description = "With real shops configured: push stock and poll orders (without it a real-shop run only reads)." };

    private static readonly Option<int> Skus = WholeNumber("--skus", "WMS SKUs in the generated catalogue (at least 10).", 2000, min: 10);

    private static readonly Option<int> Orders = WholeNumber("--orders", "Orders placed on the emulated shops (at least 2).", 40, min: 2);

    private static readonly Option<int> Seed = WholeNumber("--seed", "Seed of the catalogue and order generator.", 42, min: 0);

    private static readonly Option<string> Warehouse = new Option<string>("--warehouse")
    {
        Description = "The warehouse behind the emulated shops: demo (an in-process WMS) or sap-ewm (the S/4HANA + EWM emulator through AddSapEwm: stock from EWM, orders as sales orders, tracking from goods issue).",
        HelpName = "demo|sap-ewm",
        DefaultValueFactory = _ => "demo",
    }.AcceptOnlyFromAmong("demo", "sap-ewm");

    private static readonly Option<DirectoryInfo?> Data = new("--data") { Description = "Folder of the SQLite state file (default: a fresh folder under the output directory).", HelpName = "DIR" };

    /// <summary>The root command: every flag the sample takes.</summary>
    public static RootCommand Command()
    {
        var root = new RootCommand(
            "Connectors sample: the SDK end to end against emulated Shopify and WooCommerce shops, or against real shops " +
            "when their settings are given (appsettings.json, user-secrets, CONNECTORS__... environment variables or " +
            "--Connectors:Shopify:ShopDomain=... on this command line; see docs/getting-started.md).")
        {
            DryRun, Live, Skus, Orders, Seed, Warehouse, Data,
        };

        // --Connectors:... tokens are settings for the configuration, not flags; everything else unknown is an error.
        root.TreatUnmatchedTokensAsErrors = false;
        return root;
    }

    /// <summary>
    /// Parses the command line. Returns an exit code when the program should stop here: 0 after <c>--help</c> (written
    /// to <paramref name="output"/>), <see cref="UsageError"/> after a usage error (written to <paramref name="error"/>,
    /// no stack trace); otherwise <see langword="null"/> and the options to run with.
    /// </summary>
    public static int? TryParse(IReadOnlyList<string> args, TextWriter output, TextWriter error, out DemoOptions options, out bool live)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        options = new DemoOptions();
        live = false;
        var result = Command().Parse(args);
        var problems = result.Errors.Select(e => e.Message).ToList();
        problems.AddRange(result.UnmatchedTokens.Where(t => !IsSetting(t)).Select(t => $"Unrecognized command or argument '{t}'."));
        if (result.Action is HelpAction)
        {
            result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return 0;
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine("error: " + problem);
            }

            error.WriteLine("Run with --help to see the options.");
            return UsageError;
        }

        options = new DemoOptions
        {
            DryRun = result.GetValue(DryRun),
            Skus = result.GetValue(Skus),
            Orders = result.GetValue(Orders),
            Seed = result.GetValue(Seed),
            Warehouse = result.GetValue(Warehouse) ?? "demo",
            DataDirectory = result.GetValue(Data)?.FullName,
        };
        live = result.GetValue(Live);
        return null;
    }

    /// <summary>Whether a token is a configuration setting (<c>--Connectors:Shopify:ShopDomain=x</c>), which the configuration reads.</summary>
    public static bool IsSetting(string token) =>
        token.StartsWith("--Connectors:", StringComparison.OrdinalIgnoreCase) && token.Contains('=', StringComparison.Ordinal);

    /// <summary>A whole-number option with a default; a value that is not a number, or is below the minimum, is a parse error.</summary>
    private static Option<int> WholeNumber(string name, string description, int defaultValue, int min) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min)
            {
                return value;
            }

            result.AddError($"{name} must be a whole number of at least {min}; got '{text}'.");
            return defaultValue;
        },
    };
}
