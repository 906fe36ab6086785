using System.Globalization;
using System.Text.Json;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private static readonly HashSet<string> PartnerFunctions = new(StringComparer.Ordinal) { "SH", "WE", "SP", "AG", "BP", "RE", "PY", "RG", "ES", "ZM" };
    private readonly Dictionary<string, EmuSalesOrder> _salesOrders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _products = new(StringComparer.Ordinal);
    private readonly HashSet<string> _customers = new(StringComparer.Ordinal);
    private long _nextSalesOrder = 1_000_000;

    /// <summary>How many sales orders exist.</summary>
    public int SalesOrderCount
    {
        get
        {
            lock (_gate)
            {
                return _salesOrders.Count;
            }
        }
    }

    /// <summary>Adds products to the product master (a product with stock is known too). An order for an unknown material is refused.</summary>
    /// <param name="products">The product numbers.</param>
    public void AddProducts(params string[] products)
    {
        lock (_gate)
        {
            _products.UnionWith(products);
        }
    }

    /// <summary>Adds customers (sold-to and ship-to parties). An order for an unknown customer is refused.</summary>
    /// <param name="customers">The customer numbers.</param>
    public void AddCustomers(params string[] customers)
    {
        lock (_gate)
        {
            _customers.UnionWith(customers);
        }
    }

    /// <summary>
    /// The sales order numbers whose customer reference is <paramref name="reference"/>: in <c>PurchaseOrderByCustomer</c>,
    /// or (a reference longer than its 35 characters) there and continued in <c>PurchaseOrderByShipToParty</c>.
    /// </summary>
    /// <param name="reference">The reference.</param>
    /// <returns>The sales order numbers.</returns>
    public IReadOnlyList<string> SalesOrdersWithReference(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        lock (_gate)
        {
            return [.. _salesOrders.Values.Where(o =>
                (o.Header.GetValueOrDefault("PurchaseOrderByCustomer") as string) == reference
                || (reference.Length > 35
                    && (o.Header.GetValueOrDefault("PurchaseOrderByCustomer") as string) == reference[..35]
                    && (o.Header.GetValueOrDefault("PurchaseOrderByShipToParty") as string) == reference[35..])).Select(o => o.Number)];
        }
    }

    /// <summary>A header or item field of a sales order as stored (for example <c>SalesDocumentRjcnReason</c> of item 10).</summary>
    /// <param name="salesOrder">The sales order.</param>
    /// <param name="field">The field.</param>
    /// <param name="item">The item number, or <see langword="null"/> for the header.</param>
    /// <returns>The value.</returns>
    public string? SalesOrderField(string salesOrder, string field, string? item = null)
    {
        lock (_gate)
        {
            var order = _salesOrders[salesOrder];
            var record = item is null ? order.Header : order.Items.First(i => (string)i["SalesOrderItem"]! == item);
            return record.TryGetValue(field, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>The ship-to address of a sales order as stored (<c>A_SalesOrderPartnerAddress</c> fields).</summary>
    /// <param name="salesOrder">The sales order.</param>
    /// <returns>The address fields, empty when none was sent.</returns>
    public IReadOnlyDictionary<string, string?> ShipToAddress(string salesOrder)
    {
        lock (_gate)
        {
            return _salesOrders[salesOrder].Address.ToDictionary(kv => kv.Key, kv => kv.Value as string);
        }
    }

    private EmuResponse HandleSalesOrders(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[2];
        var parts = resource.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Decode).ToList();
        var first = parts.Count > 0 ? parts[0] : string.Empty;
        var open = first.IndexOf('(', StringComparison.Ordinal);
        var set = open < 0 ? first : first[..open];
        if (SapEwmSpecs.EntitySet(service.Model, set) is not { } entitySet)
        {
            return Error(2, 404, "/IWBEP/CM_MGW_RT/025", $"Resource not found for the segment '{set}'");
        }

        var type = entitySet.EntityType;
        var keys = open < 0 ? [] : ParseKeys(first[(open + 1)..^1]);
        var itemType = SapEwmSpecs.EntitySet(service.Model, "A_SalesOrderItem")!.EntityType;
        lock (_gate)
        {
            switch (set)
            {
                case "A_SalesOrder" when keys.Count == 0 && parts.Count == 1:
                    return record.Method switch
                    {
                        "GET" => Collection(context, service, set, type, [.. _salesOrders.Values.Select(o => (IEmuEntity)o.Header)]),
                        "POST" => CreateSalesOrder(record, service, type),
                        _ => Error(2, 405, "/IWBEP/CM_MGW_RT/011", $"{record.Method} is not allowed on {set}"),
                    };
                case "A_SalesOrder" when keys.Count == 1:
                    if (!_salesOrders.TryGetValue(keys.Values.First(), out var order))
                    {
                        return Error(2, 404, "/IWBEP/CM_MGW_RT/003", $"Resource not found for sales order {keys.Values.First()}");
                    }

                    if (parts.Count == 1 && record.Method == "GET")
                    {
                        return Single(context, service, set, type, order.Header);
                    }

                    if (parts.Count == 2 && parts[1] == "to_Item" && record.Method == "GET")
                    {
                        return Collection(context, service, "A_SalesOrderItem", itemType, [.. order.Items], relativePath: resource);
                    }

                    break;
                case "A_SalesOrderHeaderPartner" when keys.Count == 2 && parts.Count == 2 && parts[1] == "to_Address" && record.Method == "GET":
                    if (!_salesOrders.TryGetValue(keys.GetValueOrDefault("SalesOrder") ?? string.Empty, out var partnerOrder)
                        || keys.GetValueOrDefault("PartnerFunction") is not ("SH" or "WE") || partnerOrder.Address.Count == 0)
                    {
                        return Error(2, 404, "/IWBEP/CM_MGW_RT/003", $"Resource not found for partner {string.Join(",", keys)}");
                    }

                    var address = new EmuRecord { ["SalesOrder"] = partnerOrder.Number, ["PartnerFunction"] = keys["PartnerFunction"] };
                    foreach (var field in partnerOrder.Address)
                    {
                        address[field.Key] = field.Value;
                    }

                    return Collection(context, service, "A_SalesOrderPartnerAddress", SapEwmSpecs.EntitySet(service.Model, "A_SalesOrderPartnerAddress")!.EntityType, [address], relativePath: resource);
                case "A_SalesOrderItem" when keys.Count == 2 && parts.Count == 1:
                    if (!_salesOrders.TryGetValue(keys.GetValueOrDefault("SalesOrder") ?? string.Empty, out var owner)
                        || owner.Items.FirstOrDefault(i => (string)i["SalesOrderItem"]! == keys.GetValueOrDefault("SalesOrderItem")) is not { } item)
                    {
                        return Error(2, 404, "/IWBEP/CM_MGW_RT/003", $"Resource not found for sales order item {string.Join(",", keys)}");
                    }

                    return record.Method switch
                    {
                        "GET" => Single(context, service, set, type, item),
                        "PATCH" or "MERGE" => PatchSalesOrderItem(context, record, type, owner, item),
                        _ => Error(2, 405, "/IWBEP/CM_MGW_RT/011", $"{record.Method} is not allowed on {set}"),
                    };
                default:
                    break;
            }
        }

        return Error(2, 404, "/IWBEP/CM_MGW_RT/025", $"The emulator does not serve '{resource}'");
    }

    private EmuResponse CreateSalesOrder(SapEwmEmulatorRequest record, EmuService service, IEdmEntityType type)
    {
        using var document = JsonDocument.Parse(record.Body);
        var root = document.RootElement;
        CheckBody(root, type, 2, "A_SalesOrder");
        foreach (var required in new[] { "SalesOrderType", "SalesOrganization", "DistributionChannel", "OrganizationDivision", "SoldToParty" })
        {
            if (!root.TryGetProperty(required, out var value) || value.GetString() is not { Length: > 0 })
            {
                return Error(2, 400, "V1/320", $"Enter a value for field {required}", required);
            }
        }

        var soldTo = root.GetProperty("SoldToParty").GetString()!;
        if (_customers.Count > 0 && !_customers.Contains(soldTo))
        {
            return Error(2, 400, "VP/112", $"Sold-to party {soldTo} does not exist", "SoldToParty");
        }

        var order = new EmuSalesOrder((++_nextSalesOrder).ToString(CultureInfo.InvariantCulture));
        foreach (var property in root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            order.Header[property.Name] = property.Value.GetString();
        }

        order.Header["SalesOrder"] = order.Number;
        order.Header["OverallSDProcessStatus"] = "A";
        order.Header["OverallDeliveryStatus"] = "A";
        order.Header["CreationDate"] = Now;
        order.Header["LastChangeDateTime"] = Now;
        order.ShipTo = soldTo;

        foreach (var partner in JsonChildren(root, "to_Partner"))
        {
            var function = partner.TryGetProperty("PartnerFunction", out var f) ? f.GetString() ?? string.Empty : string.Empty;
            if (!PartnerFunctions.Contains(function))
            {
                return Error(2, 400, "V1/401", $"Partner function {function} is not defined in the partner determination procedure", "PartnerFunction");
            }

            var customer = partner.TryGetProperty("Customer", out var c) ? c.GetString() ?? string.Empty : string.Empty;
            if (_customers.Count > 0 && !_customers.Contains(customer))
            {
                return Error(2, 400, "VP/112", $"Customer {customer} does not exist", "Customer");
            }

            if (function is "SH" or "WE")
            {
                order.ShipTo = customer;
                foreach (var address in JsonChildren(partner, "to_Address"))
                {
                    foreach (var field in address.EnumerateObject())
                    {
                        order.Address[field.Name] = field.Value.GetString();
                    }
                }
            }
        }

        var items = JsonChildren(root, "to_Item").ToList();
        if (items.Count == 0)
        {
            return Error(2, 400, "V1/761", "Sales document contains no items; enter at least one item");
        }

        foreach (var source in items)
        {
            var material = source.TryGetProperty("Material", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            if (!_products.Contains(material) && !_stock.Any(s => s.Product == material))
            {
                return Error(2, 400, "V1/390", $"Material {material} does not exist", "Material");
            }

            var quantityText = source.TryGetProperty("RequestedQuantity", out var q) ? q.GetString() : null;
            if (!decimal.TryParse(quantityText, NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
            {
                return Error(2, 400, "V1/338", $"Enter a positive requested quantity for material {material}", "RequestedQuantity");
            }

            var item = new EmuRecord
            {
                ["SalesOrder"] = order.Number,
                ["SalesOrderItem"] = source.TryGetProperty("SalesOrderItem", out var n) ? n.GetString() : ((order.Items.Count + 1) * 10).ToString(CultureInfo.InvariantCulture),
                ["Material"] = material,
                ["RequestedQuantity"] = quantity,
                ["RequestedQuantityUnit"] = source.TryGetProperty("RequestedQuantityUnit", out var u) ? u.GetString() : "PC",
                ["SalesDocumentRjcnReason"] = string.Empty,
                ["SDProcessStatus"] = "A",
                ["__etag"] = Etag(++_version),
            };
            order.Items.Add(item);
        }

        _salesOrders[order.Number] = order;
        if (!HoldDeliveries)
        {
            CreateDelivery(order);
        }

        var response = Json(201, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("d");
            WriteEntity(w, service, "A_SalesOrder", type, order.Header, [], [], null, ieee754: false);
            w.WriteEndObject();
        });
        response.Headers["Location"] = new Uri(new Uri(Host, service.Path), $"A_SalesOrder('{order.Number}')").AbsoluteUri;
        return response;
    }

    private EmuResponse PatchSalesOrderItem(HttpContext context, SapEwmEmulatorRequest record, IEdmEntityType type, EmuSalesOrder order, EmuRecord item)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return Error(2, 428, "/IWBEP/CM_MGW_RT/031", "Precondition required: the request must carry If-Match with the ETag of the entity");
        }

        if (ifMatch != "*" && ifMatch != (string?)item["__etag"])
        {
            return Error(2, 412, "/IWBEP/CM_MGW_RT/032", "Precondition failed: the entity was changed since it was read (ETag mismatch)");
        }

        using var document = JsonDocument.Parse(record.Body);
        CheckBody(document.RootElement, type, 2, "A_SalesOrderItem");
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Name == "SalesDocumentRjcnReason" && property.Value.GetString() is { Length: > 0 } reason)
            {
                var delivered = _deliveries.Values.Any(d => d.SalesOrder == order.Number && d.Items.Any(i => Equals(i["SalesOrderItem"], item["SalesOrderItem"]) && (decimal)i["ProductQuantity"]! > 0));
                if (delivered)
                {
                    return Error(2, 400, "V1/080", $"Item {item["SalesOrderItem"]} has a subsequent delivery and cannot be rejected", "SalesDocumentRjcnReason");
                }

                item["SalesDocumentRjcnReason"] = reason;
                item["SDProcessStatus"] = "C";
            }
            else if (property.Name == "RequestedQuantity")
            {
                if (!decimal.TryParse(property.Value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
                {
                    return Error(2, 400, "V1/338", $"Enter a positive requested quantity for item {item["SalesOrderItem"]}", "RequestedQuantity");
                }

                // S/4HANA keeps an item's quantity at least at what its deliveries hold.
                var delivered = _deliveries.Values.Where(d => d.SalesOrder == order.Number)
                    .SelectMany(d => d.Items).Where(i => Equals(i["SalesOrderItem"], item["SalesOrderItem"])).Sum(i => (decimal)i["ProductQuantity"]!);
                if (quantity < delivered)
                {
                    return Error(2, 400, "V1/039", $"Quantity {quantity.ToString(CultureInfo.InvariantCulture)} of item {item["SalesOrderItem"]} is below the delivered quantity {delivered.ToString(CultureInfo.InvariantCulture)}", "RequestedQuantity");
                }

                item["RequestedQuantity"] = quantity;
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                item[property.Name] = property.Value.GetString();
            }
        }

        item["__etag"] = Etag(++_version);
        order.Header["LastChangeDateTime"] = Now;
        return EmuResponse.NoContent();
    }

    private static IEnumerable<JsonElement> JsonChildren(JsonElement parent, string navigation)
    {
        if (!parent.TryGetProperty(navigation, out var value))
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("results", out var results))
        {
            value = results;
        }

        return value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [value];
    }

    private sealed class EmuSalesOrder(string number)
    {
        public string Number { get; } = number;

        public string ShipTo { get; set; } = string.Empty;

        public EmuRecord Header { get; } = [];

        public EmuRecord Address { get; } = [];

        public List<EmuRecord> Items { get; } = [];
    }
}
