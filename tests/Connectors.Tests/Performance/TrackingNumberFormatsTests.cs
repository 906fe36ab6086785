using Connectors.Performance.Internal;

namespace Connectors.Tests.Performance;

/// <summary>Issue 20: tracking numbers checked against the carriers' published formats.</summary>
public class TrackingNumberFormatsTests
{
    [Theory]
    [InlineData("UPS", "1Z999AA10123456784")]
    [InlineData("United Parcel Service", "1z 999 aa1 01234 5678 4")]
    [InlineData("USPS", "9400111899223856928499")]
    [InlineData("USPS", "EA123456785US")]
    [InlineData("FedEx", "123456789012")]
    [InlineData("FedEx Ground", "123456789012345")]
    [InlineData("DHL Express", "1234567890")]
    [InlineData("DHL Paket", "JJD000390007812345678")]
    [InlineData("DHL", "00340434161234567890")]
    [InlineData("Royal Mail", "RR123456785GB")]
    [InlineData("DPD", "01234567890123")]
    public void IsValid_PublishedFormat_True(string carrier, string number) =>
        Assert.True(TrackingNumberFormats.IsValid(carrier, number));

    [Theory]
    [InlineData("UPS", "1Z999AA1012345678")] // one character short
    [InlineData("UPS", "123456789012")] // a FedEx number under UPS
    [InlineData("USPS", "94001118992238")]
    [InlineData("FedEx", "1Z999AA10123456784")]
    [InlineData("DHL Express", "123456789")]
    [InlineData("Royal Mail", "RR123456786GB")] // wrong S10 check digit
    [InlineData("Royal Mail", "RR123456785US")] // not issued by the UK post
    [InlineData("DPD", "0123456789")]
    [InlineData("Hermes", "H1234567890123456789")] // unknown carrier: not counted valid (documented)
    [InlineData(null, "1Z999AA10123456784")] // no carrier
    [InlineData("UPS", "")]
    public void IsValid_WrongOrUnknown_False(string? carrier, string number) =>
        Assert.False(TrackingNumberFormats.IsValid(carrier, number));

    [Fact]
    public void IsS10_CheckDigit_FollowsTheUpuRule()
    {
        // Weights 8 6 4 2 3 5 9 7; check = 11 - (sum mod 11), 10 -> 0, 11 -> 5.
        Assert.True(TrackingNumberFormats.IsS10("AA000000014GB", "GB")); // sum 7 -> 4
        Assert.True(TrackingNumberFormats.IsS10("AA100000017GB", "GB")); // sum 15 -> 7
        Assert.True(TrackingNumberFormats.IsS10("AA000000005GB", "GB")); // sum 0 -> 11 -> 5
        Assert.True(TrackingNumberFormats.IsS10("AA000000080GB", "GB")); // sum 56 -> 10 -> 0
        Assert.False(TrackingNumberFormats.IsS10("AA000000000GB", "GB"));
        Assert.False(TrackingNumberFormats.IsS10("AA000000084GB", "GB"));
    }
}
