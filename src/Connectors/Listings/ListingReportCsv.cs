using System.Globalization;
using System.Text;

namespace Connectors;

/// <summary>Writes a listing report as CSV (RFC 4180: comma separated, CRLF line ends, a header line, fields quoted when needed).</summary>
public static class ListingReportCsv
{
    /// <summary>The header line's column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "channel", "channel_item_id", "listing_id", "sku", "title", "status", "platform_status", "status_reason", "quantity",
        "warehouse_skus", "warehouse_available", "discontinued", "problems", "duplicate_of",
    ];

    /// <summary>
    /// Writes the header and one record per entry as the entries stream in. A field holding a comma, a double quote, a
    /// carriage return or a line feed is enclosed in double quotes with its quotes doubled; nothing else is changed.
    /// Several warehouse SKUs and several problems are joined with <c>;</c> inside their field.
    /// </summary>
    /// <param name="entries">The report (for example <see cref="IListingHealth.GetReportAsync"/>).</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of records written, header excluded.</returns>
    public static async Task<long> WriteAsync(IAsyncEnumerable<ListingReportEntry> entries, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(writer);
        var line = new StringBuilder(256);
        AppendRecord(line, Columns);
        await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        long count = 0;
        var fields = new string?[Columns.Count];
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var listing = entry.Listing;
            fields[0] = entry.Channel;
            fields[1] = listing?.ChannelItemId;
            fields[2] = listing?.ListingId;
            fields[3] = listing?.Sku ?? (listing is null && entry.WarehouseSkus.Count > 0 ? entry.WarehouseSkus[0] : null);
            fields[4] = listing?.Title;
            fields[5] = listing is null ? null : StatusName(listing.Status);
            fields[6] = listing?.PlatformStatus;
            fields[7] = listing?.StatusReason;
            fields[8] = listing?.Quantity?.ToString(CultureInfo.InvariantCulture);
            fields[9] = string.Join(';', entry.WarehouseSkus);
            fields[10] = entry.WarehouseAvailable?.ToString(CultureInfo.InvariantCulture);
            fields[11] = entry.Discontinued ? "true" : "false";
            fields[12] = ProblemNames(entry.Problems);
            fields[13] = entry.DuplicateOf;
            line.Clear();
            AppendRecord(line, fields);
            await writer.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            count++;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>The report's name of a status: <c>active</c>, <c>inactive</c>, <c>draft</c>, <c>suppressed</c>, <c>sold-out</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string StatusName(ListingStatus status) => status switch
    {
        ListingStatus.Active => "active",
        ListingStatus.Inactive => "inactive",
        ListingStatus.Draft => "draft",
        ListingStatus.Suppressed => "suppressed",
        ListingStatus.SoldOut => "sold-out",
        _ => status.ToString(),
    };

    /// <summary>
    /// The report's (and the metrics') name of one problem: <c>no-sku</c>, <c>duplicate-sku</c>, <c>unknown-sku</c>,
    /// <c>stocked-not-listed</c>, <c>discontinued-active</c>.
    /// </summary>
    /// <param name="problem">One problem.</param>
    /// <returns>The name.</returns>
    public static string ProblemName(ListingProblems problem) => problem switch
    {
        ListingProblems.NoSku => "no-sku",
        ListingProblems.DuplicateSku => "duplicate-sku",
        ListingProblems.UnknownSku => "unknown-sku",
        ListingProblems.StockedNotListed => "stocked-not-listed",
        ListingProblems.DiscontinuedActive => "discontinued-active",
        ListingProblems.None => "none",
        _ => problem.ToString(),
    };

    /// <summary>Every single problem kind, in report order.</summary>
    internal static readonly ListingProblems[] Kinds =
    [
        ListingProblems.NoSku, ListingProblems.DuplicateSku, ListingProblems.UnknownSku, ListingProblems.StockedNotListed, ListingProblems.DiscontinuedActive,
    ];

    private static string ProblemNames(ListingProblems problems)
    {
        if (problems == ListingProblems.None)
        {
            return string.Empty;
        }

        var names = new List<string>(2);
        foreach (var kind in Kinds)
        {
            if ((problems & kind) != 0)
            {
                names.Add(ProblemName(kind));
            }
        }

        return string.Join(';', names);
    }

    private static void AppendRecord(StringBuilder line, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            AppendField(line, fields[i]);
        }

        line.Append("\r\n");
    }

    private static void AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
            {
                line.Append('"');
            }

            line.Append(c);
        }

        line.Append('"');
    }
}
