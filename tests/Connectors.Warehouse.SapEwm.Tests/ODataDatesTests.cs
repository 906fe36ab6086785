using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class ODataDatesTests
{
    [Theory]
    [InlineData("/Date(1733133600000)/", "2024-12-02T10:00:00+00:00")]
    [InlineData("/Date(1733133600000+0060)/", "2024-12-02T11:00:00+01:00")]
    [InlineData("/Date(1733133600000-0300)/", "2024-12-02T05:00:00-05:00")]
    [InlineData("/Date(-86400000)/", "1969-12-31T00:00:00+00:00")]
    [InlineData("2026-12-02T10:00:00Z", "2026-12-02T10:00:00+00:00")]
    [InlineData("2026-12-02", "2026-12-02T00:00:00+00:00")]
    public void TryParse_V2AndIsoForms_SameInstant(string text, string expected)
    {
        Assert.True(ODataDates.TryParse(text, out var value));
        var wanted = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(wanted, value);
        Assert.Equal(wanted.Offset, value.Offset);
    }

    [Theory]
    [InlineData("/Date(abc)/")]
    [InlineData("/Date(1733133600000+xx)/")]
    [InlineData("")]
    [InlineData("yesterday")]
    public void TryParse_NotADate_False(string text) => Assert.False(ODataDates.TryParse(text, out _));

    [Fact]
    public void FormatV2_RoundTrips() =>
        Assert.Equal("/Date(1733133600000)/", ODataDates.FormatV2(new DateTimeOffset(2024, 12, 2, 11, 0, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void Literal_DateTimeOffset_PerVersion()
    {
        var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal("2026-12-02T09:00:00Z", ODataLiteral.DateTimeOffset(at, ODataVersion.V4));
        Assert.Equal("datetimeoffset'2026-12-02T09:00:00Z'", ODataLiteral.DateTimeOffset(at, ODataVersion.V2));
        Assert.Equal("'O''Neil'", ODataLiteral.String("O'Neil"));
    }
}
