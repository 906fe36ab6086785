using System.Globalization;
using System.Text.Json;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private const string HeadSet = "WhseOutboundDeliveryOrderHead";
    private const string ItemSet = "WhseOutboundDeliveryOrderItem";
    private readonly Dictionary<string, EmuDelivery> _deliveries = new(StringComparer.Ordinal);
    private long _nextDelivery = 80_000_000;
    private long _version;

    /// <summary>The outbound delivery orders created for a sales order.</summary>
    /// <param name="salesOrder">The sales order number.</param>
    /// <returns>The outbound delivery order numbers.</returns>
    public IReadOnlyList<string> DeliveriesOf(string salesOrder)
    {
        lock (_gate)
        {
            return [.. _deliveries.Values.Where(d => d.SalesOrder == salesOrder).Select(d => d.Number)];
        }
    }

    /// <summary>The items of an outbound delivery order.</summary>
    /// <param name="deliveryOrder">The outbound delivery order number.</param>
    /// <returns>Snapshots of its items.</returns>
    public IReadOnlyList<SapEwmEmulatorDeliveryItem> DeliveryItems(string deliveryOrder)
    {
        lock (_gate)
        {
            return [.. Delivery(deliveryOrder).Items.Select(i => new SapEwmEmulatorDeliveryItem
            {
                DeliveryOrder = deliveryOrder,
                Item = (string)i["EWMOutboundDeliveryOrderItem"]!,
                Product = (string)i["Product"]!,
                Quantity = (decimal)i["ProductQuantity"]!,
                PickedQuantity = (decimal)i["__picked"]!,
                PickingStatus = (string)i["PickingStatus"]!,
                GoodsIssueStatus = (string)i["GoodsIssueStatus"]!,
                SalesOrder = (string)i["SalesOrder"]!,
            })];
        }
    }

    /// <summary>The outbound delivery orders whose goods issue is not posted and that still have quantity (open work).</summary>
    /// <returns>Their numbers, oldest first.</returns>
    public IReadOnlyList<string> OpenDeliveries()
    {
        lock (_gate)
        {
            return [.. _deliveries.Values
                .Where(d => d.Items.Any(i => (decimal)i["ProductQuantity"]! > 0 && (string)i["GoodsIssueStatus"]! != "9"))
                .Select(d => d.Number)
                .Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>
    /// The warehouse works through its open deliveries as EWM would: picking tasks, one parcel (handling unit) per
    /// delivery packed with everything and labelled with the carrier's tracking number (alternative id type
    /// <c>T</c>, and the delivery's <c>TranspOrdPartnerReference</c>), then goods issue.
    /// </summary>
    /// <param name="carrier">The carrier's business partner number written to each delivery.</param>
    /// <param name="carrierName">The carrier's name.</param>
    /// <returns>The delivery orders shipped, with their tracking numbers.</returns>
    public IReadOnlyList<(string DeliveryOrder, string Tracking)> ShipOpenDeliveries(string carrier = "17300001", string carrierName = "UPS")
    {
        var shipped = new List<(string, string)>();
        foreach (var number in OpenDeliveries())
        {
            var tracking = "1Z" + number;
            CreateWarehouseTasks(number);
            var contents = DeliveryItems(number).Where(i => i.Quantity > 0).Select(i => (i.Product, i.Quantity)).ToList();
            PackHandlingUnit(number, "HU" + number, contents, new Dictionary<string, string> { ["T"] = tracking });
            PostGoodsIssue(number, transportPartnerReference: tracking, carrier: carrier, carrierName: carrierName);
            shipped.Add((number, tracking));
        }

        return shipped;
    }

    /// <summary>
    /// Runs the warehouse on a timer of the emulator's clock: every <paramref name="period"/> it works through the open
    /// deliveries as <see cref="ShipOpenDeliveries"/> does. Dispose the result to stop it.
    /// </summary>
    /// <param name="period">How often the warehouse ships.</param>
    /// <returns>The timer.</returns>
    public IDisposable ShipOnTimer(TimeSpan period) =>
        _time.CreateTimer(_ => ShipOpenDeliveries(), null, period, period);

    /// <summary>Creates the outbound delivery orders of sales orders held by <see cref="HoldDeliveries"/>.</summary>
    public void ReleaseDeliveries()
    {
        lock (_gate)
        {
            foreach (var order in _salesOrders.Values.Where(o => !_deliveries.Values.Any(d => d.SalesOrder == o.Number)))
            {
                CreateDelivery(order);
            }
        }
    }

    /// <summary>A picker confirms the first warehouse task of the delivery: one unit of its first item is picked (picking status 2).</summary>
    /// <param name="deliveryOrder">The outbound delivery order number.</param>
    public void StartPicking(string deliveryOrder)
    {
        lock (_gate)
        {
            var delivery = Delivery(deliveryOrder);
            var item = delivery.Items.First(i => (decimal)i["ProductQuantity"]! > 0);
            var quantity = (decimal)item["ProductQuantity"]!;
            item["__picked"] = Math.Min(1m, quantity);
            item["PickingStatus"] = (decimal)item["__picked"]! >= quantity ? "9" : "2";
            Touch(delivery);
        }
    }

    /// <summary>
    /// The warehouse picks everything and posts goods issue for the delivery (as <c>PostGoodsIssue</c> does): the stock
    /// leaves the warehouse's unrestricted-use rows, the statuses go to 9, and the shipping fields are set.
    /// </summary>
    /// <param name="deliveryOrder">The outbound delivery order number.</param>
    /// <param name="transportPartnerReference">The external consignment order (where a carrier's tracking number is often kept).</param>
    /// <param name="carrier">The carrier's business partner number.</param>
    /// <param name="carrierName">The carrier's name.</param>
    /// <param name="masterBillOfLading">The master bill of lading.</param>
    public void PostGoodsIssue(string deliveryOrder, string? transportPartnerReference = null, string? carrier = null, string? carrierName = null, string? masterBillOfLading = null)
    {
        lock (_gate)
        {
            var delivery = Delivery(deliveryOrder);
            if (PostGoodsIssueLocked(delivery) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            delivery.Head["TranspOrdPartnerReference"] = transportPartnerReference ?? delivery.Head["TranspOrdPartnerReference"];
            delivery.Head["Carrier"] = carrier ?? delivery.Head["Carrier"];
            delivery.Head["CarrierName"] = carrierName ?? delivery.Head["CarrierName"];
            delivery.Head["MasterBillOfLading"] = masterBillOfLading ?? delivery.Head["MasterBillOfLading"];
            Touch(delivery);
        }
    }

    private string? PostGoodsIssueLocked(EmuDelivery delivery)
    {
        var open = delivery.Items.Where(i => (decimal)i["ProductQuantity"]! > 0).ToList();
        if (open.Count == 0)
        {
            return $"Outbound delivery order {delivery.Number} has no quantity to post goods issue for";
        }

        if (open.All(i => (string)i["GoodsIssueStatus"]! == "9"))
        {
            return $"Goods issue for outbound delivery order {delivery.Number} is already posted";
        }

        foreach (var item in open)
        {
            var quantity = (decimal)item["ProductQuantity"]!;
            item["__picked"] = quantity;
            item["PickingStatus"] = "9";
            item["GoodsIssueStatus"] = "9";
            item["ActlGoodsIssueStartUTCDateTime"] = Now;

            // What open tasks hold left availability when they were created; the rest leaves the bins now.
            var held = ConfirmTasks(delivery.Number, (string)item["EWMOutboundDeliveryOrderItem"]!);
            Take(delivery.Warehouse, (string)item["Product"]!, Math.Max(0m, quantity - held));
        }

        return null;
    }

    private void CreateDelivery(EmuSalesOrder order)
    {
        var items = order.Items.Where(i => string.IsNullOrEmpty(i["SalesDocumentRjcnReason"] as string)).ToList();
        if (items.Count == 0)
        {
            return;
        }

        var number = (++_nextDelivery).ToString(CultureInfo.InvariantCulture);
        var delivery = new EmuDelivery(number, DeliveryWarehouse, order.Number);
        delivery.Head["EWMOutboundDeliveryOrder"] = number;
        delivery.Head["EWMWarehouse"] = DeliveryWarehouse;
        delivery.Head["EWMDeliveryDocumentCategory"] = "PDO";
        delivery.Head["EWMDeliveryDocumentType"] = "OUTB";
        delivery.Head["ShipToParty"] = order.ShipTo;
        delivery.Head["SalesOrganization"] = order.Header["SalesOrganization"];
        delivery.Head["Carrier"] = string.Empty;
        delivery.Head["CarrierName"] = string.Empty;
        delivery.Head["MasterBillOfLading"] = string.Empty;
        delivery.Head["TranspOrdPartnerReference"] = string.Empty;
        delivery.Head["EWMShippingReadinessStatus"] = "1";
        foreach (var source in items)
        {
            var item = new EmuRecord
            {
                ["EWMOutboundDeliveryOrder"] = number,
                ["EWMOutboundDeliveryOrderItem"] = source["SalesOrderItem"],
                ["EWMWarehouse"] = DeliveryWarehouse,
                ["EWMDeliveryDocumentCategory"] = "PDO",
                ["Product"] = source["Material"],
                ["ProductQuantity"] = source["RequestedQuantity"],
                ["QuantityUnit"] = source["RequestedQuantityUnit"] is string { Length: > 0 } unit ? unit : "PC",
                ["PickingStatus"] = "1",
                ["PlannedPickingStatus"] = "1",
                ["GoodsIssueStatus"] = "1",
                ["CompletionStatus"] = "1",
                ["SalesOrder"] = order.Number,
                ["SalesOrderItem"] = source["SalesOrderItem"],
                ["EWMStockType"] = "F2",
                ["__picked"] = 0m,
                ["__requested"] = source["RequestedQuantity"],
            };
            delivery.Items.Add(item);
        }

        _deliveries[number] = delivery;
        Touch(delivery);
    }

    private void Touch(EmuDelivery delivery)
    {
        var version = ++_version;
        delivery.Head["EWMDelivLastChangeUTCDateTime"] = Now;
        delivery.Head["__etag"] = Etag(version);
        foreach (var item in delivery.Items)
        {
            item["EWMDelivLastChangeUTCDateTime"] = Now;
            item["__etag"] = Etag(version);
        }
    }

    private EmuDelivery Delivery(string number) =>
        _deliveries.TryGetValue(number, out var delivery) ? delivery : throw new KeyNotFoundException($"No outbound delivery order {number} in the emulator.");

    private EmuResponse HandleDeliveries(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[1];
        var (set, keys, rest) = Segments(resource);
        if (SapEwmSpecs.EntitySet(service.Model, set) is not { } entitySet)
        {
            return Error(4, 404, "/IWBEP/CM_V4_RT/001", $"Resource '{set}' not found in service api_whse_outb_delivery_order_2");
        }

        var type = entitySet.EntityType;
        var itemType = SapEwmSpecs.EntitySet(service.Model, ItemSet)!.EntityType;
        lock (_gate)
        {
            if (set == HeadSet && keys.Count == 0 && rest.Count == 0 && record.Method == "GET")
            {
                return Collection(context, service, set, type, [.. _deliveries.Values.Select(d => (IEmuEntity)d.Head)], (parent, _) => DeliveryOf(parent).Items.ToList());
            }

            if (set == ItemSet && keys.Count == 0 && rest.Count == 0 && record.Method == "GET")
            {
                return Collection(context, service, set, type, [.. _deliveries.Values.SelectMany(d => d.Items)]);
            }

            var expectedKeys = type.Key().Count();
            if (keys.Count != expectedKeys)
            {
                return Error(4, 400, "/IWBEP/CM_V4_RT/002", $"The key of {set} has {expectedKeys} properties; {keys.Count} given");
            }

            if (!_deliveries.TryGetValue(keys[0], out var delivery))
            {
                return Error(4, 404, "/IWBEP/CM_V4_RT/003", $"Outbound delivery order {keys[0]} does not exist");
            }

            EmuRecord entity = delivery.Head;
            if (set == ItemSet)
            {
                entity = delivery.Items.FirstOrDefault(i => (string)i["EWMOutboundDeliveryOrderItem"]! == keys[1])!;
                if (entity is null)
                {
                    return Error(4, 404, "/IWBEP/CM_V4_RT/003", $"Item {keys[1]} of outbound delivery order {keys[0]} does not exist");
                }
            }

            if (rest.Count == 0)
            {
                return record.Method switch
                {
                    "GET" => Single(context, service, set, type, entity, (parent, _) => DeliveryOf(parent).Items.ToList()),
                    "PATCH" => PatchDelivery(context, record, service, type, delivery, entity),
                    _ => Error(4, 405, "/IWBEP/CM_V4_RT/011", $"{record.Method} is not allowed on {set}"),
                };
            }

            if (rest.Count == 1 && rest[0] == "_WhseOutbDeliveryOrderItem" && set == HeadSet && record.Method == "GET")
            {
                return Collection(context, service, ItemSet, itemType, [.. delivery.Items], relativePath: resource);
            }

            if (rest.Count == 1 && rest[0].StartsWith("SAP__self.", StringComparison.Ordinal) && record.Method == "POST")
            {
                var name = rest[0]["SAP__self.".Length..];
                var action = service.Model.SchemaElements.OfType<IEdmAction>().FirstOrDefault(a => a.Name == name && a.Parameters.First().Type.Definition == type);
                if (action is null)
                {
                    return Error(4, 404, "/IWBEP/CM_V4_RT/004", $"Action '{name}' is not bound to {set}");
                }

                if (record.Body.Length > 0)
                {
                    using var body = JsonDocument.Parse(record.Body);
                    foreach (var parameter in body.RootElement.EnumerateObject())
                    {
                        if (action.FindParameter(parameter.Name) is null || parameter.Name == "_it")
                        {
                            return Error(4, 400, "/IWBEP/CM_V4_RT/005", $"Action {name} has no parameter '{parameter.Name}'");
                        }
                    }
                }

                return name switch
                {
                    "AdjustDeliveryItemQuantity" => AdjustQuantity(delivery, entity),
                    "PostGoodsIssue" => PostGoodsIssueLocked(delivery) is { } problem
                        ? Error(4, 400, "/SCWM/DLV_ODO/020", problem)
                        : AfterChange(delivery),
                    _ => Error(4, 501, "/IWBEP/CM_V4_RT/006", $"Action {name} is not implemented by the emulator"),
                };
            }

            return Error(4, 404, "/IWBEP/CM_V4_RT/001", $"Resource '{resource}' not found");
        }
    }

    private EmuResponse AfterChange(EmuDelivery delivery)
    {
        Touch(delivery);
        return EmuResponse.NoContent();
    }

    /// <summary>
    /// EWM's rule (API description): the delivery quantity goes down to 0 if picking has not started, or down to the
    /// quantity already picked. After goods issue nothing changes.
    /// </summary>
    private EmuResponse AdjustQuantity(EmuDelivery delivery, EmuRecord item)
    {
        if ((string)item["GoodsIssueStatus"]! == "9")
        {
            return Error(4, 400, "/SCWM/DLV_ODO/031", $"Goods issue is posted for item {item["EWMOutboundDeliveryOrderItem"]} of outbound delivery order {delivery.Number}; the quantity cannot be adjusted");
        }

        var picked = (decimal)item["__picked"]!;
        if (picked == 0)
        {
            CancelTasks(delivery, (string)item["EWMOutboundDeliveryOrderItem"]!);
        }

        item["ProductQuantity"] = picked;
        item["PickingStatus"] = picked > 0 ? "9" : "0";
        return AfterChange(delivery);
    }

    private EmuResponse PatchDelivery(HttpContext context, SapEwmEmulatorRequest record, EmuService service, IEdmEntityType type, EmuDelivery delivery, EmuRecord entity)
    {
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return Error(4, 428, "/IWBEP/CM_V4_RT/040", "Precondition required: send If-Match with the ETag of the entity");
        }

        if (ifMatch != "*" && ifMatch != (string?)entity["__etag"])
        {
            return Error(4, 412, "/IWBEP/CM_V4_RT/041", "The entity was changed by someone else (ETag mismatch)");
        }

        using var body = JsonDocument.Parse(record.Body);
        CheckBody(body.RootElement, type, 4, type.Name);
        var updatable = type.Name.Contains("Head", StringComparison.Ordinal) ? new[] { "Carrier" } : ["ProductQuantity", "QuantityUnit", "StagingBay"];
        foreach (var property in body.RootElement.EnumerateObject())
        {
            if (!updatable.Contains(property.Name))
            {
                return Error(4, 400, "/IWBEP/CM_V4_RT/042", $"Property '{property.Name}' is read-only", property.Name);
            }

            if (property.Name != "ProductQuantity")
            {
                entity[property.Name] = property.Value.GetString();
                continue;
            }

            var quantity = decimal.Parse(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText(), CultureInfo.InvariantCulture);
            if (ChangeQuantityProblem(delivery, entity, quantity) is { } problem)
            {
                return Error(4, 400, "/SCWM/DLV_ODO/032", problem, "ProductQuantity");
            }

            if (quantity < (decimal)entity["ProductQuantity"]!)
            {
                // Open tasks were created for the old quantity; EWM cancels them and the warehouse plans again.
                CancelTasks(delivery, (string)entity["EWMOutboundDeliveryOrderItem"]!);
            }

            entity["ProductQuantity"] = quantity;
        }

        return AfterChange(delivery);
    }

    /// <summary>
    /// EWM's rule for a quantity change of an item (API description: the quantity at item level can be changed; the
    /// delivery quantity goes down only before picking, or to what is picked): nothing after goods issue or once picking
    /// started, and never above the quantity of the warehouse request the delivery order was created from.
    /// </summary>
    private static string? ChangeQuantityProblem(EmuDelivery delivery, EmuRecord item, decimal quantity)
    {
        var number = item["EWMOutboundDeliveryOrderItem"];
        if ((string)item["GoodsIssueStatus"]! == "9")
        {
            return $"Goods issue is posted for item {number} of outbound delivery order {delivery.Number}; the quantity cannot be changed";
        }

        if ((string)item["PickingStatus"]! is "2" or "9" || (decimal)item["__picked"]! > 0)
        {
            return $"Picking has started for item {number} of outbound delivery order {delivery.Number}; the quantity cannot be changed";
        }

        if (quantity < 0 || quantity > (decimal)item["__requested"]!)
        {
            return $"Quantity {quantity.ToString(CultureInfo.InvariantCulture)} of item {number} of outbound delivery order {delivery.Number} is outside 0 to the requested quantity {((decimal)item["__requested"]!).ToString(CultureInfo.InvariantCulture)}";
        }

        return null;
    }

    private EmuDelivery DeliveryOf(IEmuEntity head) => _deliveries[(string)((EmuRecord)head)["EWMOutboundDeliveryOrder"]!];

    /// <summary>Splits a V4 resource path: the entity set, its key values (<c>/Set/K1/K2</c> or <c>/Set(K1='a',K2='b')</c>) and what follows.</summary>
    private static (string Set, List<string> Keys, List<string> Tail) Segments(string resource)
    {
        var parts = resource.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Decode).ToList();
        if (parts.Count == 0)
        {
            return (string.Empty, [], []);
        }

        var first = parts[0];
        var keys = new List<string>();
        var rest = new List<string>();
        var open = first.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            keys.AddRange(ParseKeys(first[(open + 1)..^1]).Values);
            first = first[..open];
            rest.AddRange(parts.Skip(1));
        }
        else
        {
            foreach (var part in parts.Skip(1))
            {
                if (rest.Count == 0 && !part.StartsWith('_') && !part.Contains('.', StringComparison.Ordinal))
                {
                    keys.Add(part);
                }
                else
                {
                    rest.Add(part);
                }
            }
        }

        return (first, keys, rest);
    }

    private sealed class EmuDelivery(string number, string warehouse, string salesOrder)
    {
        public string Number { get; } = number;

        public string Warehouse { get; } = warehouse;

        public string SalesOrder { get; } = salesOrder;

        public EmuRecord Head { get; } = [];

        public List<EmuRecord> Items { get; } = [];
    }
}
