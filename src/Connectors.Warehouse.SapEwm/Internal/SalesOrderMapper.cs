using System.Globalization;
using Connectors.Warehouse.SapEwm.Internal.Dto;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>
/// A <see cref="WarehouseOrder"/> as the deep insert of an S/4HANA sales order. Values longer than SAP's field
/// (from <c>API_SALES_ORDER_SRV</c>'s metadata) are reported, not cut, so the order is refused with the field named.
/// </summary>
internal static class SalesOrderMapper
{
    public static SalesOrderCreate? Map(WarehouseOrder order, string reference, SapEwmOptions options, List<string> problems)
    {
        var items = new List<SalesOrderItemCreate>(order.Lines.Count);
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            Check(problems, $"Lines[{i}].Sku (Material)", line.Sku, 40);
            items.Add(new SalesOrderItemCreate
            {
                SalesOrderItem = ((i + 1) * 10).ToString(CultureInfo.InvariantCulture),
                Material = line.Sku,
                RequestedQuantity = line.Quantity,
                RequestedQuantityUnit = options.QuantityUnit,
            });
        }

        if (items.Count == 0)
        {
            problems.Add("the order has no lines");
        }

        var shipToCustomer = options.ShipToParty ?? options.SoldToParty!;
        List<SalesOrderAddressCreate>? address = null;
        if (order.ShipTo is { } to)
        {
            Check(problems, "ShipTo.Name (OrganizationName1)", to.Name, 40);
            Check(problems, "ShipTo.Company (OrganizationName2)", to.Company, 40);
            Check(problems, "ShipTo.Line1 (StreetName)", to.Line1, 60);
            Check(problems, "ShipTo.Line2 (StreetSuffixName1)", to.Line2, 40);
            Check(problems, "ShipTo.City (CityName)", to.City, 40);
            Check(problems, "ShipTo.PostalCode (PostalCode)", to.PostalCode, 10);
            Check(problems, "ShipTo.ProvinceCode (Region)", to.ProvinceCode, 3);
            Check(problems, "ShipTo.Phone (PhoneNumber)", to.Phone, 30);
            Check(problems, "ShipTo.Email (EmailAddress)", to.Email, 241);
            if (to.CountryCode is not { Length: 2 or 3 })
            {
                problems.Add($"ShipTo.CountryCode (Country) is '{to.CountryCode}' but SAP needs the ISO country code of the ship-to address");
            }

            address =
            [
                new SalesOrderAddressCreate
                {
                    OrganizationName1 = Empty(to.Name) ?? Empty(to.Company),
                    OrganizationName2 = Empty(to.Name) is null ? null : Empty(to.Company),
                    StreetName = Empty(to.Line1),
                    StreetSuffixName1 = Empty(to.Line2),
                    CityName = Empty(to.City),
                    PostalCode = Empty(to.PostalCode),
                    Region = Empty(to.ProvinceCode),
                    Country = Empty(to.CountryCode)?.ToUpperInvariant(),
                    PhoneNumber = Empty(to.Phone),
                    EmailAddress = Empty(to.Email),
                },
            ];
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new SalesOrderCreate
        {
            SalesOrderType = options.SalesOrderType,
            SalesOrganization = options.SalesOrganization!,
            DistributionChannel = options.DistributionChannel!,
            OrganizationDivision = options.OrganizationDivision!,
            SoldToParty = options.SoldToParty!,
            PurchaseOrderByCustomer = SalesOrderReference.Fields(reference, options.ReferenceField).ByCustomer,
            PurchaseOrderByShipToParty = SalesOrderReference.Fields(reference, options.ReferenceField).ByShipToParty,
            Partners = [new SalesOrderPartnerCreate { PartnerFunction = options.ShipToPartnerFunction, Customer = shipToCustomer, Address = address }],
            Items = items,
        };
    }

    private static void Check(List<string> problems, string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            problems.Add($"{field} is {length} characters; SAP holds {max}");
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
