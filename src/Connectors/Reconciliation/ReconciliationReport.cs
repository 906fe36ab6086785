using System.Globalization;
using System.Text;

namespace Connectors;

/// <summary>The result of one reconciliation run: every difference found, classified, and what was repaired.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="DryRun">Whether repairs were suppressed.</param>
/// <param name="StartedAt">When the run started.</param>
/// <param name="CompletedAt">When it ended.</param>
/// <param name="InventoryChecked">Inventory rows compared.</param>
/// <param name="OrdersChecked">Channel orders in the window compared.</param>
/// <param name="ShipmentsChecked">Shipments compared.</param>
/// <param name="Differences">The differences, in the order found.</param>
/// <param name="Skipped">Checks that could not run, with the reason (for example a channel without an inventory port).</param>
public sealed record ReconciliationReport(
    string Channel,
    bool DryRun,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    int InventoryChecked,
    int OrdersChecked,
    int ShipmentsChecked,
    IReadOnlyList<ReconciliationDifference> Differences,
    IReadOnlyList<string> Skipped)
{
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
