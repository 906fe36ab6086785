namespace Connectors.Hosting;

/// <summary>
/// The scheduled listing report (<see cref="ConnectorsHostingOptions.ListingReports"/>): every channel that lists its
/// listings (<see cref="IListingChannel"/>) gets its report from <see cref="IListingHealth"/> on an interval, one run
/// at a time across the hosts sharing the state store. Off by default. Validated at start with the other hosting
/// settings.
/// </summary>
public sealed class ListingReportWorkerOptions
{
    /// <summary>Whether the listing report runs on a schedule at all.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// How long after a channel's last completed report (by any host sharing the store) the next one runs; a channel
    /// never reported runs once the worker starts.
    /// </summary>
    /// <value>Default 1 day; from 1 minute to 30 days.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// A folder the report of every run is written to as CSV (<see cref="ListingReportCsv"/>), one file per channel and
    /// run named <c>listing-report-{channel}-{yyyyMMddTHHmmssZ}.csv</c>; <see langword="null"/> writes no file. Created
    /// when missing. A file appears under its name only when complete.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? ExportDirectory { get; set; }

    /// <summary>
    /// Whether a run also applies the listing actions each channel opted into (<see cref="ListingHealthOptions"/>:
    /// zero, deactivate, reactivate) through <see cref="IListingHealth.ReportAndApplyActionsAsync"/>, in
    /// the same pass over the listings; otherwise a run only reports.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ApplyActions { get; set; }
}
