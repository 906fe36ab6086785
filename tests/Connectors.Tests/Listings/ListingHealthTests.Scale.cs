namespace Connectors.Tests.Listings;

/// <summary>The report over 100,000 listings streams: it never holds more than the channel's current page.</summary>
public sealed partial class ListingHealthTests
{
    [Fact]
    public async Task GetReport_100000Listings_StreamsEntriesAsPagesArrive()
    {
        const int count = 100_000;
        for (var i = 0; i < count; i++)
        {
            var sku = "SKU-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            if (i % 10 != 9)
            {
                Stock(sku, i % 3);
            }

            // Every 1,000th listing repeats the SKU of the one before it; every 10th has a SKU the WMS lacks; every 7th is inactive.
            List("item-" + i, i % 1000 == 999 ? "SKU-" + (i - 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) : sku, i % 7 == 0 ? ListingStatus.Inactive : ListingStatus.Active);
        }

        var entries = 0;
        var listingEntries = 0;
        long maxAhead = 0;
        var problems = new Dictionary<ListingProblems, int>();
        await foreach (var entry in Health.GetReportAsync(Channel, Ct))
        {
            entries++;
            if (entry.Listing is not null)
            {
                listingEntries++;

                // How many listings the channel handed out that the consumer has not seen yet: one page at most.
                maxAhead = Math.Max(maxAhead, _channel.ListingsRead - listingEntries);
                Assert.True(_channel.ListingsRead - listingEntries < _channel.ListingPageSize, $"the report read {_channel.ListingsRead} listings but handed out {listingEntries}");
            }

            problems[entry.Problems] = problems.GetValueOrDefault(entry.Problems) + 1;
        }

        Assert.Equal(count, listingEntries);
        Assert.Equal(count, _channel.ListingsRead);
        Assert.True(maxAhead < _channel.ListingPageSize);

        // i % 1000 == 999 is also i % 10 == 9: those 100 are duplicates of a known SKU, so they are not unknown.
        Assert.Equal(100, problems.GetValueOrDefault(ListingProblems.DuplicateSku));
        Assert.Equal((count / 10) - 100, problems.GetValueOrDefault(ListingProblems.UnknownSku));

        // Stocked SKUs (free stock i % 3 > 0) that no active listing sells are warehouse entries.
        var activelyListed = Enumerable.Range(0, count).Where(i => i % 7 != 0).Select(i => i % 1000 == 999 ? i - 1 : i).ToHashSet();
        var stockedNotListed = Enumerable.Range(0, count).Count(i => i % 10 != 9 && i % 3 != 0 && !activelyListed.Contains(i));
        Assert.True(stockedNotListed > 1000);
        Assert.Equal(stockedNotListed, problems.GetValueOrDefault(ListingProblems.StockedNotListed));
        Assert.Equal(count + stockedNotListed, entries);
    }
}
