using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Orders.Internal;

/// <summary>
/// Reads and writes <see cref="Money"/> as <c>{"amount":12.50,"currency":"EUR"}</c> through its validating
/// constructor (a struct would otherwise be created empty by its implicit parameterless constructor).
/// Unknown fields are skipped; a missing currency fails with the field named.
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Money must be an object with amount and currency.");
        }

        decimal? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Money must be an object with amount and currency.");
            }

            var isAmount = reader.ValueTextEquals("amount"u8) || reader.ValueTextEquals("Amount"u8);
            var isCurrency = reader.ValueTextEquals("currency"u8) || reader.ValueTextEquals("Currency"u8);
            reader.Read();
            if (isAmount)
            {
                amount = reader.GetDecimal();
            }
            else if (isCurrency)
            {
                currency = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return new Money(amount ?? throw new JsonException("Money.amount is required."), currency!);
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("amount"u8, value.Amount);
        writer.WriteString("currency"u8, value.Currency);
        writer.WriteEndObject();
    }
}
