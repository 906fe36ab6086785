namespace Connectors.Mapping.Profiles;

/// <summary>
/// Computes a ship-by deadline from when an order was placed: an order placed on a working day before
/// <see cref="CutOff"/> (in <see cref="TimeZone"/>) counts from that day, any other from the next working day; the
/// deadline is the cut-off time of the working day <see cref="HandlingDays"/> later (0 = the same day). Working days
/// are the <see cref="WorkingDays"/> that are not <see cref="Holidays"/>. Local times are converted with the time
/// zone's rules for that date, so a daylight-saving change moves the UTC time, never the local cut-off.
/// </summary>
public sealed class HandlingTimeRule
{
    /// <summary>The handling time in working days, 0 to 30.</summary>
    /// <value>1 by default.</value>
    public int HandlingDays { get; set; } = 1;

    /// <summary>The daily cut-off as <c>HH:mm</c> (24-hour) local time of the warehouse; an order placed at or after it counts from the next working day.</summary>
    /// <value><c>14:00</c> by default.</value>
    public string? CutOff { get; set; } = "14:00";

    /// <summary>The warehouse's IANA time zone (for example <c>Europe/Berlin</c>). Required.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The days the warehouse ships (<c>Monday</c> … <c>Sunday</c>).</summary>
    /// <value>Empty by default, which means Monday to Friday.</value>
    public IList<DayOfWeek> WorkingDays { get; } = new List<DayOfWeek>();

    /// <summary>Dates (<c>yyyy-MM-dd</c>, local to <see cref="TimeZone"/>) the warehouse does not ship although they are working weekdays.</summary>
    public IList<string> Holidays { get; } = new List<string>();
}
