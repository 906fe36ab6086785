using System.Collections.Frozen;

namespace Connectors.Mapping.Internal;

/// <summary>
/// A compiled <see cref="Profiles.HandlingTimeRule"/>: working weekdays, holidays and a daily cut-off in one time zone.
/// Pure: the deadline depends only on when the order was placed, so re-mapping an order gives the same deadline.
/// </summary>
internal sealed class BusinessCalendar
{
    private readonly bool[] _workingWeekdays;
    private readonly FrozenSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo zone, TimeOnly cutOff, int handlingDays, IEnumerable<DayOfWeek> workingDays, IEnumerable<DateOnly> holidays)
    {
        Zone = zone;
        CutOff = cutOff;
        HandlingDays = handlingDays;
        _workingWeekdays = new bool[7];
        foreach (var day in workingDays)
        {
            _workingWeekdays[(int)day] = true;
        }

        _holidays = holidays.ToFrozenSet();
    }

    public TimeZoneInfo Zone { get; }

    public TimeOnly CutOff { get; }

    public int HandlingDays { get; }

    public bool IsWorkingDay(DateOnly day) => _workingWeekdays[(int)day.DayOfWeek] && !_holidays.Contains(day);

    /// <summary>The ship-by deadline of an order placed at <paramref name="placedAt"/>.</summary>
    public DateTimeOffset ShipBy(DateTimeOffset placedAt)
    {
        var local = TimeZoneInfo.ConvertTime(placedAt, Zone);
        var day = DateOnly.FromDateTime(local.DateTime);

        // Placed on a day the warehouse does not ship, or at/after the cut-off: handling starts the next working day.
        if (!IsWorkingDay(day) || TimeOnly.FromDateTime(local.DateTime) >= CutOff)
        {
            day = NextWorkingDay(day);
        }

        for (var i = 0; i < HandlingDays; i++)
        {
            day = NextWorkingDay(day);
        }

        return ToInstant(day.ToDateTime(CutOff));
    }

    private DateOnly NextWorkingDay(DateOnly day)
    {
        // The compiler guarantees at least one working weekday and holidays are finite, so this ends; the bound is a
        // guard against a calendar that holidays away more than ten years.
        for (var i = 0; i < 3660; i++)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                return day;
            }
        }

        throw new InvalidOperationException("The handling-time calendar has no working day in ten years.");
    }

    /// <summary>
    /// A local wall-clock time to an instant. A time skipped by a spring-forward change is read with the offset before
    /// the change (02:30 that never happened is 03:30 after it); a time that happens twice in a fall-back change is
    /// the first (earlier) one, so the deadline is never later than the warehouse's wall clock says.
    /// </summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return new DateTimeOffset(local, Zone.GetUtcOffset(local.AddDays(-1)));
        }

        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
