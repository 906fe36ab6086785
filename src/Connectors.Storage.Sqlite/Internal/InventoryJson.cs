using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>
/// Writes a slice of desired rows as the JSON array the batched upsert reads with <c>json_each</c>:
/// <c>[["channel","item","location",quantity,"sku"|null], ...]</c>. Written with <see cref="Utf8JsonWriter"/>, so
/// every string is escaped correctly whatever it holds.
/// </summary>
internal static class InventoryJson
{
    public static string Write(ArrayBufferWriter<byte> buffer, IReadOnlyList<DesiredInventory> rows, int start, int count)
    {
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartArray();
            for (var i = start; i < start + count; i++)
            {
                var row = rows[i];
                writer.WriteStartArray();
                writer.WriteStringValue(row.Key.Channel);
                writer.WriteStringValue(row.Key.ChannelItemId);
                writer.WriteStringValue(row.Key.LocationId);
                writer.WriteNumberValue(row.Quantity);
                if (row.Sku is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(row.Sku);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
