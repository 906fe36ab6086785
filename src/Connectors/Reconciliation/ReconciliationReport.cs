using System.Globalization;
using System.Text;

namespace Connectors;

/// <summary>The result of one reconciliation run: every difference found, classified, and what was repaired.</summary>
public sealed record ReconciliationReport
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>Whether repairs were suppressed.</summary>
    public required bool DryRun { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>Inventory rows compared.</summary>
    public required int InventoryChecked { get; init; }

    /// <summary>Channel orders in the window compared.</summary>
    public required int OrdersChecked { get; init; }

    /// <summary>Shipments compared.</summary>
    public required int ShipmentsChecked { get; init; }

    /// <summary>The differences, in the order found.</summary>
    public required IReadOnlyList<ReconciliationDifference> Differences { get; init; }

    /// <summary>Checks that could not run, with the reason (for example a channel without an inventory port).</summary>
    public required IReadOnlyList<string> Skipped { get; init; }

    /// <summary>Whether the channel matched on every check that ran.</summary>
    public bool IsClean => Differences.Count == 0;

    /// <summary>How many differences were repaired.</summary>
    public int RepairedCount => Differences.Count(d => d.Repaired);

    /// <summary>The number of differences per class.</summary>
    /// <returns>Counts by kind, only kinds found.</returns>
    public IReadOnlyDictionary<ReconciliationDifferenceKind, int> CountByKind() =>
        Differences.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A plain-text rendering, one line per difference, for logs and consoles.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Reconciliation of {Channel}{(DryRun ? " (dry run)" : string.Empty)}: ")
            .Append(CultureInfo.InvariantCulture, $"{InventoryChecked} inventory rows, {OrdersChecked} orders, {ShipmentsChecked} shipments checked; ")
            .Append(CultureInfo.InvariantCulture, $"{Differences.Count} differences, {RepairedCount} repaired.");
        foreach (var difference in Differences)
        {
            text.AppendLine()
                .Append(CultureInfo.InvariantCulture, $"  {difference.Kind} {difference.Key}: expected {difference.Expected ?? "-"}, actual {difference.Actual ?? "-"}")
                .Append(difference.Repaired ? " [repaired] " : " ")
                .Append(difference.Description);
        }

        foreach (var skipped in Skipped)
        {
            text.AppendLine().Append("  skipped: ").Append(skipped);
        }

        return text.ToString();
    }
}
