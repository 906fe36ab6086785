namespace Connectors;

/// <summary>
/// The daily budgets a platform meters a channel's writes by (see <see cref="IQuotaLimitedChannel"/>). Every budget
/// defaults to <see langword="null"/>: not metered, and the engine dispatches as it does without a quota.
/// </summary>
/// <remarks>
/// Settable, not init-only, because hosts declare budgets in configuration too (<c>ChannelInventoryOptions.Quota</c>),
/// and the configuration binder does not set init-only properties. The engine reads a channel's quota once.
/// </remarks>
/// <remarks>
/// Calls per second are not declared here: they are paced inside each platform package's HTTP pipeline from the
/// platform's own signals (Shopify's cost-based throttle status, WooCommerce's <c>RequestsPerSecond</c>, <c>Retry-After</c>).
/// A daily budget is different: once spent it is gone until the window refills, so the engine has to choose what to
/// spend it on, which no HTTP handler can.
/// </remarks>
public sealed class ChannelQuota
{
    /// <summary>
    /// Inventory push calls (batches) the engine may make in one daily window, or <see langword="null"/> for no limit.
    /// Calls other flows make are not counted: declare the part of the platform's budget the inventory flow may use.
    /// </summary>
    /// <value>Default <see langword="null"/>; when set, greater than zero.</value>
    public int? CallsPerDay { get; set; }

    /// <summary>
    /// Revisions one listing (channel item) may take in one daily window, or <see langword="null"/> for no limit. Every
    /// target pushed for the item counts as one revision (eBay: "Each listing can be revised up to 250 times in one
    /// calendar day").
    /// </summary>
    /// <value>Default <see langword="null"/>; when set, greater than zero.</value>
    public int? RevisionsPerListingPerDay { get; set; }

    /// <summary>
    /// The IANA (or Windows) id of the time zone whose midnight starts each daily window, as the platform defines its
    /// day; <c>"UTC"</c> where the platform counts in UTC or does not say.
    /// </summary>
    /// <value>Default <c>"UTC"</c>.</value>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Whether any budget is declared.</summary>
    public bool IsMetered => CallsPerDay is not null || RevisionsPerListingPerDay is not null;

    /// <summary>The daily window holding <paramref name="now"/>: from the zone's midnight to the next (23 or 25 hours across a DST change).</summary>
    /// <param name="now">The current time.</param>
    /// <returns>The window's start and end, in UTC.</returns>
    public (DateTimeOffset Start, DateTimeOffset End) WindowAt(DateTimeOffset now)
    {
        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = local.Date;
        return (StartOf(day, zone), StartOf(day.AddDays(1), zone));
    }

    /// <summary>Checks the budgets.</summary>
    /// <param name="field">The field path to name in the error.</param>
    /// <exception cref="ConnectorValidationException">A budget is zero or negative, or the time zone is unknown.</exception>
    public void Validate(string field = nameof(ChannelQuota))
    {
        try
        {
            _ = Zone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ConnectorValidationException($"{field}.{nameof(TimeZoneId)}", $"'{TimeZoneId}' is no time zone this machine knows (use an IANA id such as 'America/Los_Angeles', or 'UTC').");
        }

        if (CallsPerDay is <= 0)
        {
            throw new ConnectorValidationException($"{field}.{nameof(CallsPerDay)}", $"must be greater than zero when set (was {CallsPerDay}).");
        }

        if (RevisionsPerListingPerDay is <= 0)
        {
            throw new ConnectorValidationException(
                $"{field}.{nameof(RevisionsPerListingPerDay)}", $"must be greater than zero when set (was {RevisionsPerListingPerDay}).");
        }
    }

    private TimeZoneInfo Zone() =>
        string.IsNullOrEmpty(TimeZoneId) || string.Equals(TimeZoneId, "UTC", StringComparison.OrdinalIgnoreCase)
            ? TimeZoneInfo.Utc
            : TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    // Midnight that does not exist (a zone that springs forward at 00:00) starts the day at the first valid local time.
    private static DateTimeOffset StartOf(DateTime localDate, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
