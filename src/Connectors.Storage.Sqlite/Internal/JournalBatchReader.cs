using System.Text;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>Reads the changes of one batch blob written by <see cref="JournalBatchWriter"/>, in order.</summary>
internal ref struct JournalBatchReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <param name="data">The blob.</param>
    /// <param name="batch">The batch's sequence number, for error messages.</param>
    /// <exception cref="InvalidDataException">The blob is not in the known format.</exception>
    public JournalBatchReader(ReadOnlySpan<byte> data, long batch)
    {
        if (data.IsEmpty || data[0] != JournalBatchWriter.Format)
        {
            throw new InvalidDataException($"Inventory journal batch {batch} has an unknown format ({(data.IsEmpty ? "empty" : $"format byte {data[0]}")}).");
        }

        _data = data;
        _position = 1;
        Batch = batch;
    }

    /// <summary>The batch's sequence number.</summary>
    public long Batch { get; }

    /// <summary>Reads the next change.</summary>
    /// <returns><see langword="false"/> at the end of the batch.</returns>
    /// <exception cref="InvalidDataException">The blob is truncated or malformed.</exception>
    public bool TryRead(out long id, out int quantity, out string? sku)
    {
        if (_position == _data.Length)
        {
            id = 0;
            quantity = 0;
            sku = null;
            return false;
        }

        var rawId = ReadVarint();
        var quantityAndFlag = ReadVarint();
        if (rawId > long.MaxValue || quantityAndFlag >> 1 > int.MaxValue)
        {
            throw Malformed();
        }

        id = (long)rawId;
        quantity = (int)(quantityAndFlag >> 1);
        sku = null;
        if ((quantityAndFlag & 1) != 0)
        {
            var length = ReadVarint();
            if (length > (ulong)(_data.Length - _position))
            {
                throw Malformed();
            }

            sku = Encoding.UTF8.GetString(_data.Slice(_position, (int)length));
            _position += (int)length;
        }

        return true;
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position == _data.Length)
            {
                throw Malformed();
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed();
    }

    private readonly InvalidDataException Malformed() => new($"Inventory journal batch {Batch} is truncated or malformed at byte {_position}.");
}
