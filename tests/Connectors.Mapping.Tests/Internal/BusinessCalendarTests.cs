using System.Globalization;
using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Tests.Internal;

/// <summary>Issue 20: the handling-time calendar (cut-off, weekend, holiday, time zone across a DST change).</summary>
public class BusinessCalendarTests
{
    // Europe/Berlin, 14:00 cut-off, one handling day, Monday to Friday, Good Friday and Easter Monday 2026 off.
    private static BusinessCalendar Berlin(int handlingDays = 1, string cutOff = "14:00", params DayOfWeek[] workingDays)
    {
        var profile = new ChannelMappingProfile();
        profile.ShipBy.HandlingTime = new HandlingTimeRule { HandlingDays = handlingDays, CutOff = cutOff, TimeZone = "Europe/Berlin" };
        foreach (var day in workingDays)
        {
            profile.ShipBy.HandlingTime.WorkingDays.Add(day);
        }

        profile.ShipBy.HandlingTime.Holidays.Add("2026-04-03");
        profile.ShipBy.HandlingTime.Holidays.Add("2026-04-06");
        var errors = new List<ValidationError>();
        var compiled = ProfileCompiler.Compile("store-a", profile, "Mapping", errors);
        Assert.Empty(errors);
        return compiled!.HandlingTime!;
    }

    private static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    [Theory]
    // Tuesday 24 March 2026 (CET, UTC+1): before the cut-off counts from Tuesday, so Wednesday 14:00.
    [InlineData("2026-03-24T10:00:00+01:00", "2026-03-25T13:00:00Z")]
    // At the cut-off and after it: counts from Wednesday, so Thursday 14:00.
    [InlineData("2026-03-24T14:00:00+01:00", "2026-03-26T13:00:00Z")]
    [InlineData("2026-03-24T15:30:00+01:00", "2026-03-26T13:00:00Z")]
    // 13:30 UTC is before 14:00 in UTC but 14:30 in Berlin: the warehouse's zone decides.
    [InlineData("2026-03-24T13:30:00Z", "2026-03-26T13:00:00Z")]
    public void ShipBy_CutOff_BeforeCountsTodayAtOrAfterCountsTomorrow(string placed, string expected)
    {
        Assert.Equal(At(expected), Berlin().ShipBy(At(placed)));
    }

    [Theory]
    // Friday after the cut-off, Saturday and Sunday all count from Monday: Tuesday 24 March 14:00 CET.
    [InlineData("2026-03-20T15:00:00+01:00", "2026-03-24T13:00:00Z")]
    [InlineData("2026-03-21T10:00:00+01:00", "2026-03-24T13:00:00Z")]
    [InlineData("2026-03-22T23:59:00+01:00", "2026-03-24T13:00:00Z")]
    // Friday before the cut-off: handling day is Monday.
    [InlineData("2026-03-20T09:00:00+01:00", "2026-03-23T13:00:00Z")]
    public void ShipBy_Weekend_IsSkipped(string placed, string expected)
    {
        Assert.Equal(At(expected), Berlin().ShipBy(At(placed)));
    }

    [Fact]
    public void ShipBy_HolidaysAroundAWeekend_AreSkipped()
    {
        // Thursday 2 April before the cut-off: Friday (Good Friday), the weekend and Monday (Easter Monday) are off,
        // so the one handling day is Tuesday 7 April, 14:00 CEST.
        Assert.Equal(At("2026-04-07T12:00:00Z"), Berlin().ShipBy(At("2026-04-02T10:00:00+02:00")));
    }

    [Fact]
    public void ShipBy_OrderPlacedOnAHoliday_CountsFromTheNextWorkingDay()
    {
        // Placed on Good Friday morning: handling starts Tuesday 7 April, ship by Wednesday 8 April 14:00 CEST.
        Assert.Equal(At("2026-04-08T12:00:00Z"), Berlin().ShipBy(At("2026-04-03T09:00:00+02:00")));
    }

    [Fact]
    public void ShipBy_AcrossTheMarchDstChange_KeepsTheLocalCutOff()
    {
        // Friday 27 March (CET, UTC+1) to Monday 30 March (CEST, UTC+2): 14:00 local is 12:00 UTC, not 13:00.
        Assert.Equal(At("2026-03-30T12:00:00Z"), Berlin().ShipBy(At("2026-03-27T10:00:00+01:00")));
    }

    [Fact]
    public void ShipBy_AcrossTheOctoberDstChange_KeepsTheLocalCutOff()
    {
        // Friday 23 October (CEST) to Monday 26 October (CET): 14:00 local is 13:00 UTC.
        Assert.Equal(At("2026-10-26T13:00:00Z"), Berlin().ShipBy(At("2026-10-23T10:00:00+02:00")));
    }

    [Fact]
    public void ShipBy_CutOffInsideTheSkippedHour_IsReadWithTheOffsetBeforeTheChange()
    {
        // Sunday 29 March 2026 02:30 does not exist in Berlin: read as 02:30 CET = 01:30 UTC (03:30 CEST).
        var calendar = Berlin(0, "02:30", DayOfWeek.Sunday);

        Assert.Equal(At("2026-03-29T01:30:00Z"), calendar.ShipBy(At("2026-03-29T01:00:00+01:00")));
    }

    [Fact]
    public void ShipBy_CutOffInsideTheRepeatedHour_IsTheEarlierInstant()
    {
        // Sunday 25 October 2026 02:30 happens twice in Berlin: the first (CEST, 00:30 UTC) is the deadline.
        var calendar = Berlin(0, "02:30", DayOfWeek.Sunday);

        Assert.Equal(At("2026-10-25T00:30:00Z"), calendar.ShipBy(At("2026-10-25T01:00:00+02:00")));
    }

    [Theory]
    // Same-day handling: before the cut-off ships today, after it tomorrow.
    [InlineData(0, "2026-03-24T10:00:00+01:00", "2026-03-24T13:00:00Z")]
    [InlineData(0, "2026-03-24T16:00:00+01:00", "2026-03-25T13:00:00Z")]
    // Three handling days from Thursday morning: Friday, Monday, Tuesday.
    [InlineData(3, "2026-03-19T08:00:00+01:00", "2026-03-24T13:00:00Z")]
    public void ShipBy_HandlingDays_CountWorkingDays(int days, string placed, string expected)
    {
        Assert.Equal(At(expected), Berlin(days).ShipBy(At(placed)));
    }

    [Fact]
    public void ShipBy_SaturdayWorkingDay_IsUsed()
    {
        var calendar = Berlin(1, "12:00", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday);

        // Friday 20 March before noon: the handling day is Saturday 21 March, 12:00 CET.
        Assert.Equal(At("2026-03-21T11:00:00Z"), calendar.ShipBy(At("2026-03-20T09:00:00+01:00")));
    }

    [Fact]
    public void ShipBy_AnotherZone_UsesItsOwnRules()
    {
        var profile = new ChannelMappingProfile();
        profile.ShipBy.HandlingTime = new HandlingTimeRule { HandlingDays = 1, CutOff = "15:00", TimeZone = "America/New_York" };
        var errors = new List<ValidationError>();
        var calendar = ProfileCompiler.Compile("store-a", profile, "Mapping", errors)!.HandlingTime!;

        // New York changes on 8 March 2026: Friday 6 March 10:00 EST to Monday 9 March 15:00 EDT (19:00 UTC).
        Assert.Equal(At("2026-03-09T19:00:00Z"), calendar.ShipBy(At("2026-03-06T10:00:00-05:00")));
    }
}
