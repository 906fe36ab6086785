using System.Globalization;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>Checks and compiles the ship-by rules of a channel profile.</summary>
internal static partial class ProfileCompiler
{
    private const int MaxHandlingDays = 30;

    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessCalendar? CompileShipBy(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var rule = profile.ShipBy?.HandlingTime;
        if (rule is null)
        {
            return null;
        }

        var at = $"{path}:ShipBy.HandlingTime";
        var ok = true;
        if (rule.HandlingDays is < 0 or > MaxHandlingDays)
        {
            Add(errors, $"{at}.HandlingDays", "ShipBy", $"is {rule.HandlingDays.ToString(CultureInfo.InvariantCulture)}; use 0 (ship the same day) to {MaxHandlingDays.ToString(CultureInfo.InvariantCulture)} working days.");
            ok = false;
        }

        if (!TimeOnly.TryParseExact(rule.CutOff?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var cutOff))
        {
            Add(errors, $"{at}.CutOff", "ShipBy", $"is '{rule.CutOff}'; use a 24-hour local time such as 14:00.");
            ok = false;
        }

        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(rule.TimeZone))
        {
            Add(errors, $"{at}.TimeZone", "ShipBy", "is required; name the warehouse's IANA time zone, for example Europe/Berlin.");
            ok = false;
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(rule.TimeZone.Trim(), out zone))
        {
            Add(errors, $"{at}.TimeZone", "ShipBy", $"is '{rule.TimeZone}', which is not a time zone this system knows; use an IANA id such as Europe/Berlin or America/New_York.");
            ok = false;
        }

        for (var i = 0; i < rule.WorkingDays.Count; i++)
        {
            if (!Enum.IsDefined(rule.WorkingDays[i]))
            {
                Add(errors, $"{at}.WorkingDays[{i}]", "ShipBy", "is not a day of the week; use Monday … Sunday.");
                ok = false;
            }
        }

        var holidays = new List<DateOnly>();
        for (var i = 0; i < rule.Holidays.Count; i++)
        {
            if (DateOnly.TryParseExact(rule.Holidays[i]?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var holiday))
            {
                holidays.Add(holiday);
            }
            else
            {
                Add(errors, $"{at}.Holidays[{i}]", "ShipBy", $"is '{rule.Holidays[i]}'; use a date as yyyy-MM-dd, for example 2026-12-25.");
                ok = false;
            }
        }

        if (!ok || zone is null)
        {
            return null;
        }

        var days = rule.WorkingDays.Count == 0 ? MondayToFriday : [.. rule.WorkingDays];
        return new BusinessCalendar(zone, cutOff, rule.HandlingDays, days, holidays);
    }
}
