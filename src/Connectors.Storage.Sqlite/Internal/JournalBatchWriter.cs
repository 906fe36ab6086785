using System.Text;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Encodes one batch of desired-quantity changes into the compact blob stored in a row of <c>inventory_journal</c>:
/// a format byte, then per change the row id (varint), the new quantity shifted left by one with the low bit saying
/// whether a SKU follows (varint), and the SKU as a length-prefixed UTF-8 string when it does. Unchanged rows are not
/// journalled at all, so the blob is a few bytes per changed row. The buffer is reused from batch to batch.
/// </summary>
internal sealed class JournalBatchWriter
{
    /// <summary>The first byte of every batch blob; a reader refuses any other.</summary>
    public const byte Format = 1;

    private byte[] _buffer = new byte[4096];
    private int _length;

    /// <summary>How many changes the current batch holds.</summary>
    public int Count { get; private set; }

    /// <summary>The encoded batch so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Starts a new, empty batch.</summary>
    public void Reset()
    {
        _buffer[0] = Format;
        _length = 1;
        Count = 0;
    }

    /// <summary>Appends one change.</summary>
    /// <param name="id">The inventory row's id.</param>
    /// <param name="quantity">The new desired quantity (never negative: the store validated it).</param>
    /// <param name="sku">The SKU to store with the change, or <see langword="null"/> to keep the row's SKU.</param>
    public void Add(long id, int quantity, string? sku)
    {
        var skuBytes = sku is null ? 0 : Encoding.UTF8.GetMaxByteCount(sku.Length);
        Ensure(10 + 10 + 5 + skuBytes);
        WriteVarint((ulong)id);
        WriteVarint(((ulong)(uint)quantity << 1) | (sku is null ? 0UL : 1UL));
        if (sku is not null)
        {
            // The length prefix is written after the bytes are known; reserve its maximum (5 bytes) and move the text.
            var start = _length + 5;
            var written = Encoding.UTF8.GetBytes(sku, _buffer.AsSpan(start));
            var prefixStart = _length;
            WriteVarint((uint)written);
            var prefixLength = _length - prefixStart;
            if (prefixLength != 5)
            {
                _buffer.AsSpan(start, written).CopyTo(_buffer.AsSpan(_length));
            }

            _length += written;
        }

        Count++;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }
}
