using Connectors;
using System.Globalization;
using Connectors.Samples.ConsoleHost;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

// dotnet run --project samples/Connectors.Samples.ConsoleHost -- --help   (the flags: DemoCommandLine, samples/README.md)
// Settings (appsettings.json, environment variables CONNECTORS__SHOPIFY__..., user-secrets, --Connectors:Shopify:...=)
// switch it from the emulators to real shops: see docs/getting-started.md.
if (DemoCommandLine.TryParse(args, Console.Out, Console.Error, out var options, out var live) is { } exit)
{
    return exit;
}

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddUserSecrets(typeof(DemoOptions).Assembly, optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine([.. args.Where(DemoCommandLine.IsSetting)])
    .Build();
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var real = RealShops.Any(configuration);
AnsiConsole.Write(new Rule(real ? "[bold]Connectors sample — configured shops[/]"
    : options.Warehouse == "sap-ewm" ? "[bold]Connectors sample — SAP EWM (emulated) behind emulated Shopify + WooCommerce[/]"
    : "[bold]Connectors sample — emulated Shopify + WooCommerce[/]").LeftJustified());
AnsiConsole.MarkupLine(real
    ? $"Demo WMS with {options.Skus} generated SKUs; {(live ? "[red]live: pushing to the configured shops[/]" : "read-only (add --live to push)")}."
    : $"Demo WMS with {options.Skus} SKUs over two locations, {options.Orders} orders{(options.DryRun ? ", [yellow]dry run[/]" : string.Empty)}.");

DemoSummary summary = null!;
var notes = new List<string>();
try
{
    await AnsiConsole.Progress()
        .AutoClear(false)
        .HideCompleted(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
        .StartAsync(async context =>
        {
            var reporter = new SpectreReporter(context, notes);
            summary = real
                ? await new RealShopRun(options, configuration, live, reporter).RunAsync(cancellation.Token)
                : options.Warehouse == "sap-ewm"
                    ? await new SapEwmScenario(options, reporter).RunAsync(cancellation.Token)
                    : await new DemoScenario(options, reporter).RunAsync(cancellation.Token);
        });
}
catch (Exception e) when (e is ConnectorException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // A shop that cannot be reached, refuses the credentials or a setting that does not validate.
    AnsiConsole.MarkupLineInterpolated($"[red]{e.GetType().Name}[/]: {e.Message}");
    return 2;
}

foreach (var note in notes)
{
    AnsiConsole.MarkupLineInterpolated($"[grey]{note}[/]");
}

AnsiConsole.Write(SummaryTable.Build(summary));
foreach (var dead in summary.DeadLetters.Take(10))
{
    AnsiConsole.MarkupLineInterpolated($"[red]dead letter[/] {dead.Channel} {dead.Flow}: {dead.Reason}");
}

foreach (var mismatch in summary.LevelMismatches.Take(10))
{
    AnsiConsole.MarkupLineInterpolated($"[red]level differs[/] {mismatch}");
}

return summary.LevelMismatches.Count == 0 && summary.OrdersDuplicated == 0 && summary.ShipmentsDuplicated == 0 ? 0 : 1;

/// <summary>Shows the scenario's phases as Spectre.Console progress bars.</summary>
internal sealed class SpectreReporter(ProgressContext context, List<string> notes) : IDemoReporter
{
    /// <inheritdoc />
    public IDemoPhase Start(string name, double total) => new Phase(context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total)), notes);

    /// <inheritdoc />
    public void Note(string text) => notes.Add(text);

    private sealed class Phase(ProgressTask task, List<string> notes) : IDemoPhase
    {
        public void Advance(double steps = 1) => task.Increment(Math.Min(steps, Math.Max(0, task.MaxValue - task.Value - 0.0001)));

        public void Done(string? result = null)
        {
            task.Value = task.MaxValue;
            task.StopTask();
            if (result is not null)
            {
                notes.Add($"{task.Description}: {result}");
            }
        }
    }
}

/// <summary>The closing summary table.</summary>
internal static class SummaryTable
{
    /// <summary>Builds the table.</summary>
    public static Table Build(DemoSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        static string Ms(double? v) => v is null ? "n/a" : v.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
        if (s.DryRun)
        {
            foreach (var (channel, changes) in s.PlannedChanges)
            {
                Row($"would push to {channel}", N(changes) + " items");
            }

            Row("items pushed", "0 (dry run)");
            Row("API calls", N(s.ApiCalls));
            return table;
        }

        Row("items pushed", N(s.ItemsPushed));
        Row("API calls", N(s.ApiCalls));
        Row("throttled responses absorbed", N(s.ThrottledAbsorbed));
        Row("orders placed (by webhook)", $"{N(s.OrdersPlaced)} ({N(s.OrdersByWebhook)})");
        Row("orders ingested into the WMS", $"{N(s.OrdersIngested)} ({N(s.OrdersDuplicated)} duplicated)");
        Row("shipments published (split parcels)", $"{N(s.ShipmentsPublished)} ({N(s.SplitShipments)})");
        Row("shipments confirmed on channels", $"{N(s.ShipmentsConfirmed)} ({N(s.ShipmentsDuplicated)} duplicated)");
        Row("returns closed / requested", $"{N(s.ReturnsCompleted)} / {N(s.ReturnsRequested)}");
        Row("reconciliation differences repaired", N(s.ReconciliationDifferences));
        Row("prices pushed (held for a person)", $"{N(s.PricesPushed)} ({N(s.PricesHeld)})");
        Row("shop prices = engine's acknowledged", $"{N(s.PricesChecked - s.PriceMismatches.Count)} / {N(s.PricesChecked)}");
        Row("dead letters", N(s.DeadLetters.Count));
        Row("channel levels = WMS available-to-sell", $"{N(s.LevelsChecked - s.LevelMismatches.Count)} / {N(s.LevelsChecked)}");
        Row("latency WMS change -> channel ack p50 (after full sync)", Ms(s.LatencyP50Ms));
        Row("latency WMS change -> channel ack p99 (after full sync)", Ms(s.LatencyP99Ms));
        Row("elapsed", s.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s");
        return table;
    }
}
