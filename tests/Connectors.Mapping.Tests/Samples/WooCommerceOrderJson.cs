using System.Globalization;
using System.Text.Json;

namespace Connectors.Mapping.Tests.Samples;

/// <summary>
/// Test-only: turns a WooCommerce REST v3 order (as documented in "Retrieve an order") into a <see cref="ChannelOrder"/>,
/// the way a WooCommerce connector would. Not the WooCommerce package; just enough for the sample-profile test.
/// </summary>
internal static class WooCommerceOrderJson
{
    public static ChannelOrder ToChannelOrder(string channel, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var currency = root.GetProperty("currency").GetString()!;
        var (status, payment) = Status(root.GetProperty("status").GetString(), root.TryGetProperty("date_paid", out var paid) && paid.ValueKind == JsonValueKind.String);
        var lines = root.GetProperty("line_items").EnumerateArray().Select(line =>
        {
            var variation = line.GetProperty("variation_id").GetInt64();
            var itemId = variation != 0 ? variation : line.GetProperty("product_id").GetInt64();
            return new ChannelOrderLine(
                Id(line),
                itemId.ToString(CultureInfo.InvariantCulture),
                line.GetProperty("quantity").GetInt32(),
                new Money(line.GetProperty("price").GetDecimal(), currency),
                Text(line, "sku"),
                Text(line, "name"),
                Meta(line));
        }).ToArray();
        var billing = root.GetProperty("billing");
        var shippingLines = root.GetProperty("shipping_lines");
        return new ChannelOrder(
            channel,
            Id(root),
            currency,
            lines,
            Utc(root, "date_created_gmt"),
            Utc(root, "date_modified_gmt"),
            orderNumber: Text(root, "number"),
            status: status,
            paymentStatus: payment,
            shippingAddress: Address(root.GetProperty("shipping"), Text(billing, "phone")),
            billingAddress: Address(billing, null),
            email: Text(billing, "email"),
            shippingMethod: shippingLines.GetArrayLength() > 0 ? Text(shippingLines[0], "method_id") : null,
            shippingTotal: new Money(decimal.Parse(root.GetProperty("shipping_total").GetString()!, CultureInfo.InvariantCulture), currency),
            total: new Money(decimal.Parse(root.GetProperty("total").GetString()!, CultureInfo.InvariantCulture), currency),
            note: Text(root, "customer_note"),
            attributes: Meta(root));
    }

    private static (ChannelOrderStatus, PaymentStatus) Status(string? status, bool paid) => status switch
    {
        "processing" or "completed" => (status == "completed" ? ChannelOrderStatus.Completed : ChannelOrderStatus.Open, paid ? PaymentStatus.Paid : PaymentStatus.Pending),
        "on-hold" => (ChannelOrderStatus.OnHold, PaymentStatus.Pending),
        "pending" => (ChannelOrderStatus.Open, PaymentStatus.Pending),
        "cancelled" => (ChannelOrderStatus.Cancelled, PaymentStatus.Voided),
        "refunded" => (ChannelOrderStatus.Cancelled, PaymentStatus.Refunded),
        "failed" => (ChannelOrderStatus.Open, PaymentStatus.Failed),
        _ => (ChannelOrderStatus.Open, PaymentStatus.Unknown),
    };

    private static Address Address(JsonElement element, string? fallbackPhone)
    {
        var name = string.Join(' ', new[] { Text(element, "first_name"), Text(element, "last_name") }.Where(s => s is not null));
        return new Address
        {
            Name = name.Length == 0 ? null : name,
            Company = Text(element, "company"),
            Line1 = Text(element, "address_1"),
            Line2 = Text(element, "address_2"),
            City = Text(element, "city"),
            Province = Text(element, "state"),
            PostalCode = Text(element, "postcode"),
            CountryCode = Text(element, "country"),
            Phone = Text(element, "phone") ?? fallbackPhone,
            Email = Text(element, "email"),
        };
    }

    private static Dictionary<string, string> Meta(JsonElement element) =>
        element.TryGetProperty("meta_data", out var meta)
            ? meta.EnumerateArray()
                .Where(m => m.GetProperty("value").ValueKind == JsonValueKind.String)
                .ToDictionary(m => m.GetProperty("key").GetString()!, m => m.GetProperty("value").GetString()!, StringComparer.Ordinal)
            : [];

    private static string Id(JsonElement element) => element.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset Utc(JsonElement element, string name) =>
        new(DateTime.SpecifyKind(DateTime.Parse(element.GetProperty(name).GetString()!, CultureInfo.InvariantCulture), DateTimeKind.Utc));
}
