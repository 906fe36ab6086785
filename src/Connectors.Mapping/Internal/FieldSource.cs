using System.Globalization;

namespace Connectors.Mapping.Internal;

/// <summary>A compiled source path of a custom-field rule (<c>OrderNumber</c>, <c>Attributes.gift</c>, <c>ShipTo.CountryCode</c>).</summary>
internal readonly record struct FieldSource(FieldSourceKind Kind, string? Key = null)
{
    public static bool TryParse(string? path, out FieldSource source)
    {
        source = default;
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? path : path[..dot];
        var tail = dot < 0 ? null : path[(dot + 1)..];
        if (tail is null)
        {
            if (Enum.TryParse<FieldSourceKind>(head, ignoreCase: true, out var kind) && kind <= FieldSourceKind.Tags && kind != FieldSourceKind.None)
            {
                source = new FieldSource(kind);
                return true;
            }

            return false;
        }

        if (string.Equals(head, "Attributes", StringComparison.OrdinalIgnoreCase) && tail.Length > 0)
        {
            source = new FieldSource(FieldSourceKind.Attribute, tail);
            return true;
        }

        var addressKind = head.ToUpperInvariant() switch
        {
            "SHIPTO" => FieldSourceKind.ShipTo,
            "SHIPPINGADDRESS" => FieldSourceKind.ShippingAddress,
            "BILLINGADDRESS" => FieldSourceKind.BillingAddress,
            _ => FieldSourceKind.None,
        };
        if (addressKind == FieldSourceKind.None || !AddressFields.TryNormalise(tail, out var field))
        {
            return false;
        }

        source = new FieldSource(addressKind, field);
        return true;
    }

    public string? Read(ChannelOrder order, Address? shipTo) => Kind switch
    {
        FieldSourceKind.OrderId => order.OrderId,
        FieldSourceKind.OrderNumber => order.OrderNumber,
        FieldSourceKind.Channel => order.Channel,
        FieldSourceKind.Email => order.Email,
        FieldSourceKind.Note => order.Note,
        FieldSourceKind.ShippingMethod => order.ShippingMethod,
        FieldSourceKind.PaymentStatus => EnumText.Of(order.PaymentStatus),
        FieldSourceKind.Status => EnumText.Of(order.Status),
        FieldSourceKind.Currency => order.Currency,
        FieldSourceKind.Total => order.Total?.Amount.ToString(CultureInfo.InvariantCulture),
        FieldSourceKind.ShippingTotal => order.ShippingTotal?.Amount.ToString(CultureInfo.InvariantCulture),
        FieldSourceKind.CreatedAt => order.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        FieldSourceKind.Tags => order.Tags.Count == 0 ? null : string.Join(",", order.Tags),
        FieldSourceKind.Attribute => order.Attributes.TryGetValue(Key!, out var value) ? value : null,
        FieldSourceKind.ShipTo => AddressFields.Read(shipTo, Key!),
        FieldSourceKind.ShippingAddress => AddressFields.Read(order.ShippingAddress, Key!),
        FieldSourceKind.BillingAddress => AddressFields.Read(order.BillingAddress, Key!),
        _ => null,
    };
}
