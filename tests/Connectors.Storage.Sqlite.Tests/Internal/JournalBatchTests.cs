using Connectors.Storage.Sqlite.Internal;

namespace Connectors.Storage.Sqlite.Tests.Internal;

/// <summary>The inventory journal's batch blob: <see cref="JournalBatchWriter"/> and <see cref="JournalBatchReader"/>.</summary>
public sealed class JournalBatchTests
{
    [Fact]
    public void WriteThenRead_ExtremeIdsQuantitiesAndAwkwardSkus_RoundTripInOrder()
    {
        (long Id, int Quantity, string? Sku)[] changes =
        [
            (1, 0, null),
            (127, 127, "S"),
            (128, 128, string.Empty),
            (long.MaxValue, int.MaxValue, "ünïcødé-€-\U0001F4E6"),
            (300, 1, new string('x', 5000)),
            (301, 2, "nul\0byte"),
            (16_384, 63, null),
        ];
        var writer = new JournalBatchWriter();
        writer.Reset();
        foreach (var (id, quantity, sku) in changes)
        {
            writer.Add(id, quantity, sku);
        }

        var read = ReadAll(writer.Written.ToArray(), batch: 7);

        Assert.Equal(changes.Length, writer.Count);
        Assert.Equal(changes, read);
    }

    [Fact]
    public void Reset_AfterABatch_StartsAnEmptyOne()
    {
        var writer = new JournalBatchWriter();
        writer.Reset();
        writer.Add(5, 5, "S5");
        writer.Reset();
        writer.Add(6, 6, null);

        Assert.Equal([(6L, 6, (string?)null)], ReadAll(writer.Written.ToArray(), batch: 1));
    }

    [Fact]
    public void Read_TruncatedBlob_ThrowsInvalidDataNamingTheBatch()
    {
        var writer = new JournalBatchWriter();
        writer.Reset();
        writer.Add(1_000_000, 5, "SKU-1");
        var blob = writer.Written.ToArray();

        for (var length = 2; length < blob.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => ReadAll(blob[..length], batch: 12));
            Assert.Contains("batch 12", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 1, 2 })]
    public void Read_UnknownFormat_ThrowsInvalidData(byte[] blob)
    {
        Assert.Throws<InvalidDataException>(() => ReadAll(blob, batch: 3));
    }

    [Fact]
    public void Read_VarintLongerThan64Bits_ThrowsInvalidData()
    {
        byte[] blob = [JournalBatchWriter.Format, .. Enumerable.Repeat((byte)0xFF, 10), 0x01, 0x02];

        Assert.Throws<InvalidDataException>(() => ReadAll(blob, batch: 3));
    }

    private static List<(long Id, int Quantity, string? Sku)> ReadAll(byte[] blob, long batch)
    {
        var result = new List<(long, int, string?)>();
        var reader = new JournalBatchReader(blob, batch);
        while (reader.TryRead(out var id, out var quantity, out var sku))
        {
            result.Add((id, quantity, sku));
        }

        return result;
    }
}
