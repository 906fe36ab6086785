namespace Connectors.Tests.Listings;

/// <summary>The listing report's CSV export follows RFC 4180.</summary>
public sealed class ListingReportCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async IAsyncEnumerable<ListingReportEntry> Entries(params ListingReportEntry[] entries)
    {
        foreach (var entry in entries)
        {
            yield return entry;
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task WriteAsync_FieldsWithCommaQuoteAndLineBreaks_QuotedWithQuotesDoubled()
    {
        var listing = new ChannelListing
        {
            ChannelItemId = "gid://shopify/InventoryItem/1",
            ListingId = "p,1",
            Sku = "SKU \"A\"",
            Title = "Mug, 12 oz\r\nred",
            Status = ListingStatus.SoldOut,
            PlatformStatus = "sold_out",
            Quantity = 0,
        };
        var entry = new ListingReportEntry
        {
            Channel = "etsy-1",
            Listing = listing,
            WarehouseSkus = ["A", "B"],
            Problems = ListingProblems.DuplicateSku | ListingProblems.DiscontinuedActive,
            DuplicateOf = "x\ny",
            WarehouseAvailable = 2.5m,
            Discontinued = true,
        };
        var warehouseOnly = new ListingReportEntry { Channel = "etsy-1", WarehouseSkus = ["LONELY"], Problems = ListingProblems.StockedNotListed, WarehouseAvailable = 3m };
        using var writer = new StringWriter();

        var count = await ListingReportCsv.WriteAsync(Entries(entry, warehouseOnly), writer, Ct);

        Assert.Equal(2, count);
        Assert.Equal(
            "channel,channel_item_id,listing_id,sku,title,status,platform_status,status_reason,quantity,warehouse_skus,warehouse_available,discontinued,problems,duplicate_of\r\n"
            + "etsy-1,gid://shopify/InventoryItem/1,\"p,1\",\"SKU \"\"A\"\"\",\"Mug, 12 oz\r\nred\",sold-out,sold_out,,0,A;B,2.5,true,duplicate-sku;discontinued-active,\"x\ny\"\r\n"
            + "etsy-1,,,LONELY,,,,,,LONELY,3,false,stocked-not-listed,\r\n",
            writer.ToString());
    }

    [Fact]
    public async Task WriteAsync_OutputParsedAsRfc4180_GivesBackEveryField()
    {
        string[] awkward = ["plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "\"", ",", " lead and trail "];
        var entries = awkward.Select((text, i) => new ListingReportEntry
        {
            Channel = "c",
            Listing = new ChannelListing { ChannelItemId = "id" + i, Sku = text, Title = text, Status = ListingStatus.Active },
        }).ToArray();
        using var writer = new StringWriter();

        await ListingReportCsv.WriteAsync(Entries(entries), writer, Ct);

        var records = ParseRfc4180(writer.ToString());
        Assert.Equal(awkward.Length + 1, records.Count);
        Assert.All(records, r => Assert.Equal(ListingReportCsv.Columns.Count, r.Count));
        Assert.Equal(awkward, records.Skip(1).Select(r => r[3]));
        Assert.Equal(awkward, records.Skip(1).Select(r => r[4]));
    }

    /// <summary>A strict RFC 4180 reader written from the RFC's grammar (records end with CRLF; quoted fields may hold anything).</summary>
    private static List<List<string>> ParseRfc4180(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r'))
                {
                    Assert.NotEqual('"', text[i]);
                    Assert.NotEqual('\n', text[i]);
                    field.Append(text[i++]);
                }
            }

            record.Add(field.ToString());
            field.Clear();
            if (text[i] == ',')
            {
                i++;
                continue;
            }

            Assert.Equal("\r\n", text.Substring(i, 2));
            i += 2;
            records.Add(record);
            record = [];
        }

        return records;
    }
}
