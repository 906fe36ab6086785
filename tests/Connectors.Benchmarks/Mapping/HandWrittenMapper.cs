using System.Globalization;
using System.Text;
using Connectors;

namespace Connectors.Benchmarks.Mapping;

/// <summary>
/// The floor: what a developer would write by hand for this one store, with the same output as the profile in
/// <see cref="OrderMappingBenchmarks"/> — item table, unit conversion, release, carrier, instructions, priority,
/// country/state/phone normalisation, company join, length checks and four custom fields.
/// </summary>
internal sealed class HandWrittenMapper
{
    private readonly Dictionary<string, (string Sku, decimal PerUnit)[]> _items = new(StringComparer.Ordinal)
    {
        ["v1"] = [("SKU-1", 1m)],
        ["v2"] = [("SKU-2", 1m)],
        ["v3"] = [("SKU-3", 1m)],
        ["v4"] = [("SKU-4", 1m)],
        ["v5"] = [("SKU-5", 1m)],
        ["v6"] = [("SKU-6", 1m)],
        ["case12"] = [("CAN", 12m)],
        ["bag500"] = [("COFFEE-KG", 0.5m)],
        ["gift"] = [("MUG", 2m), ("TEA", 1m)],
        ["gift-case6"] = [("MUG", 12m), ("TEA", 6m)],
    };

    private readonly Dictionary<string, string> _countries = new(StringComparer.OrdinalIgnoreCase) { ["United States"] = "US", ["USA"] = "US", ["Canada"] = "CA" };
    private readonly Dictionary<string, string> _states = new(StringComparer.OrdinalIgnoreCase) { ["Virginia"] = "VA", ["California"] = "CA", ["New York"] = "NY" };
    private readonly Dictionary<string, string> _carriers = new(StringComparer.OrdinalIgnoreCase) { ["standard"] = "UPS-GROUND", ["express"] = "UPS-NEXT-DAY" };

    public OrderMappingResult Map(ChannelOrder order)
    {
        var lines = new List<WarehouseOrderLine>(order.Lines.Count);
        foreach (var line in order.Lines)
        {
            if (!_items.TryGetValue(line.ChannelItemId, out var components))
            {
                throw new MappingException(order.Channel, order.OrderId, line.LineId, "ChannelItemId", "not mapped");
            }

            if (components.Length == 1)
            {
                var (sku, perUnit) = components[0];
                var quantity = line.Quantity * perUnit;
                if (quantity != decimal.Truncate(quantity) && sku != "COFFEE-KG")
                {
                    throw new MappingException(order.Channel, order.OrderId, line.LineId, "Quantity", "fraction");
                }

                var price = perUnit == 1m ? line.UnitPrice : new Money(line.UnitPrice.Amount / perUnit, line.UnitPrice.Currency);
                lines.Add(new WarehouseOrderLine(line.LineId, sku, quantity, line.LineId, price));
            }
            else
            {
                for (var c = 0; c < components.Length; c++)
                {
                    lines.Add(new WarehouseOrderLine(line.LineId + ":" + c.ToString(CultureInfo.InvariantCulture), components[c].Sku, line.Quantity * components[c].PerUnit, line.LineId));
                }
            }
        }

        var address = order.ShippingAddress!;
        var country = address.CountryCode ?? (_countries.TryGetValue(address.Country ?? string.Empty, out var code) ? code : null);
        var state = address.ProvinceCode ?? (_states.TryGetValue(address.Province ?? string.Empty, out var s) ? s : null);
        var digits = new StringBuilder();
        foreach (var ch in address.Phone ?? string.Empty)
        {
            if (char.IsAsciiDigit(ch))
            {
                digits.Append(ch);
            }
        }

        var phone = digits.Length == 10 ? "+1" + digits : address.Phone;
        var name = string.IsNullOrEmpty(address.Company) ? address.Name : address.Name + " / " + address.Company;
        if (name?.Length > 35 || address.Line1?.Length > 35 || address.City?.Length > 30)
        {
            throw new MappingException(order.Channel, order.OrderId, null, "ShipTo", "too long");
        }

        var shipTo = address with { Name = name, Company = null, CountryCode = country, ProvinceCode = state, Phone = phone };
        var carrier = order.ShippingMethod is not null && _carriers.TryGetValue(order.ShippingMethod, out var service) ? service : "UPS-GROUND";
        var release = order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.Authorized ? ReleaseDecision.Release : ReleaseDecision.Hold;

        var instructions = new List<string>();
        if (!string.IsNullOrWhiteSpace(order.Note))
        {
            instructions.Add(order.Note);
        }

        if (order.Attributes.TryGetValue("gift_wrap", out var wrap) && wrap == "yes")
        {
            instructions.Add("GIFT WRAP");
        }

        if (order.Attributes.TryGetValue("gift_message", out var message))
        {
            instructions.Add("Gift message: " + message);
        }

        var priority = string.Equals(order.ShippingMethod, "express", StringComparison.OrdinalIgnoreCase) ? 20 : order.Tags.Contains("vip") ? 10 : 0;
        var attributes = new Dictionary<string, string>(4, StringComparer.Ordinal)
        {
            ["OrderNumber"] = order.OrderNumber!,
            ["SalesChannel"] = "Webshop",
            ["PaymentTerms"] = order.PaymentStatus == PaymentStatus.Paid ? "PREPAID" : "REVIEW",
            ["Reference"] = "WEB-" + order.OrderNumber + "-" + country,
        };

        var warehouseOrder = new WarehouseOrder(order.Channel, order.OrderId, lines, order.OrderNumber, shipTo, carrier, priority, instructions, attributes, order.UpdatedAt);
        return new OrderMappingResult { Order = warehouseOrder, Release = release };
    }
}
