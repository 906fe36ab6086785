using Connectors.Shopify.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Shopify.Tests.Internal;

public sealed class CostBucketTests
{
    // Shopify reports currentlyAvailable in whole points with the restored fraction dropped: a reported 222 means
    // somewhere from 222 up to 223. Only 222 is certain; counting on more sends a request the shop may throttle.
    [Fact]
    public void TryReserve_JustAboveTheReportedWholePoints_WaitsInsteadOfCountingOnTheDroppedFraction()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var bucket = new CostBucket("shop", time, 300, 200);
        bucket.Observe(maximumAvailable: 300, currentlyAvailable: 222, restoreRate: 200, inFlightReserved: 0);

        Assert.True(bucket.TryReserve(222.3) > TimeSpan.Zero, "reserved 222.3 points of a bucket the shop reported at 222");
        Assert.Equal(TimeSpan.Zero, bucket.TryReserve(222));
    }
}
