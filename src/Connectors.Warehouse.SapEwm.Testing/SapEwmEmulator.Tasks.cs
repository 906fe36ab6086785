using System.Globalization;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private const string TaskSet = "WarehouseTask";
    private readonly List<EmuRecord> _tasks = [];
    private long _nextTask = 1_000_000;

    /// <summary>
    /// EWM creates the picking warehouse tasks of a delivery (wave release): one open stock-removal task (status blank,
    /// process category 2) per item with quantity, for the item's quantity from unrestricted-use stock. As in EWM, the
    /// stock a task will take is no longer available (<c>AvailableEWMStockQty</c> goes down) though it is still in the bin.
    /// </summary>
    /// <param name="deliveryOrder">The outbound delivery order number.</param>
    public void CreateWarehouseTasks(string deliveryOrder)
    {
        lock (_gate)
        {
            var delivery = Delivery(deliveryOrder);
            foreach (var item in delivery.Items.Where(i => (decimal)i["ProductQuantity"]! > 0 && (string)i["GoodsIssueStatus"]! != "9"))
            {
                var itemNumber = (string)item["EWMOutboundDeliveryOrderItem"]!;
                if (_tasks.Any(t => (string)t["EWMDelivery"]! == deliveryOrder && (string)t["EWMDeliveryItem"]! == itemNumber && (string)t["WarehouseTaskStatus"]! != "A"))
                {
                    continue;
                }

                var quantity = (decimal)item["ProductQuantity"]!;
                var product = (string)item["Product"]!;
                Take(delivery.Warehouse, product, quantity);
                _tasks.Add(new EmuRecord
                {
                    ["EWMWarehouse"] = delivery.Warehouse,
                    ["WarehouseTask"] = (++_nextTask).ToString(CultureInfo.InvariantCulture).PadLeft(12, '0'),
                    ["WarehouseTaskItem"] = "0001",
                    ["WarehouseOrder"] = string.Empty,
                    ["WarehouseTaskStatus"] = string.Empty,
                    ["WarehouseProcessType"] = "2010",
                    ["WarehouseProcessCategory"] = "2",
                    ["Product"] = product,
                    ["Batch"] = string.Empty,
                    ["EWMStockType"] = "F2",
                    ["BaseUnit"] = "PC",
                    ["TargetQuantityInBaseUnit"] = quantity,
                    ["ActualQuantityInBaseUnit"] = 0m,
                    ["EWMDelivery"] = deliveryOrder,
                    ["EWMDeliveryItem"] = itemNumber,
                    ["WhseTaskCrtnUTCDateTime"] = Now,
                    ["WhseTaskLastChgUTCDateTime"] = Now,
                });
            }
        }
    }

    /// <summary>The warehouse tasks of a delivery as (task, status, quantity); status blank is open, C confirmed, A cancelled.</summary>
    /// <param name="deliveryOrder">The outbound delivery order number.</param>
    /// <returns>The tasks.</returns>
    public IReadOnlyList<(string Task, string Status, decimal Quantity)> WarehouseTasksOf(string deliveryOrder)
    {
        lock (_gate)
        {
            return [.. _tasks.Where(t => (string)t["EWMDelivery"]! == deliveryOrder).Select(t => ((string)t["WarehouseTask"]!, (string)t["WarehouseTaskStatus"]!, (decimal)t["TargetQuantityInBaseUnit"]!))];
        }
    }

    /// <summary>Open tasks of the item: confirming (goods issue) takes their stock, which left availability already.</summary>
    private decimal ConfirmTasks(string deliveryOrder, string item)
    {
        var held = 0m;
        foreach (var task in OpenTasks(deliveryOrder, item))
        {
            task["WarehouseTaskStatus"] = "C";
            task["ActualQuantityInBaseUnit"] = task["TargetQuantityInBaseUnit"];
            task["WhseTaskConfUTCDateTime"] = Now;
            task["WhseTaskLastChgUTCDateTime"] = Now;
            held += (decimal)task["TargetQuantityInBaseUnit"]!;
        }

        return held;
    }

    /// <summary>Cancelling a task gives its stock back to availability.</summary>
    private void CancelTasks(EmuDelivery delivery, string item)
    {
        foreach (var task in OpenTasks(delivery.Number, item))
        {
            task["WarehouseTaskStatus"] = "A";
            task["WhseTaskLastChgUTCDateTime"] = Now;
            _stock.Add(new EmuStockRow(delivery.Warehouse, (string)task["Product"]!, string.Empty, "F2", "0010-01-01", string.Empty, (decimal)task["TargetQuantityInBaseUnit"]!));
        }
    }

    private List<EmuRecord> OpenTasks(string deliveryOrder, string item) =>
        [.. _tasks.Where(t => (string)t["EWMDelivery"]! == deliveryOrder && (string)t["EWMDeliveryItem"]! == item && (string)t["WarehouseTaskStatus"]! == string.Empty)];

    private void Take(string warehouse, string product, decimal quantity)
    {
        var left = quantity;
        foreach (var row in _stock.Where(r => r.Warehouse == warehouse && r.Product == product && r.StockType.StartsWith('F') && r.Quantity > 0))
        {
            var take = Math.Min(left, row.Quantity);
            row.Quantity -= take;
            left -= take;
            if (left == 0)
            {
                break;
            }
        }
    }

    private EmuResponse HandleTasks(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[5];
        var set = resource.Split('(', '/')[0];
        if (SapEwmSpecs.EntitySet(service.Model, set) is not { } entitySet)
        {
            return Error(4, 404, "/IWBEP/CM_V4_RT/001", $"Resource '{set}' not found in service api_warehouse_order_task_2");
        }

        if (resource != TaskSet || record.Method != "GET")
        {
            return Error(4, 501, "/IWBEP/CM_V4_RT/006", $"{record.Method} {resource} is not served by the emulator");
        }

        lock (_gate)
        {
            return Collection(context, service, set, entitySet.EntityType, [.. _tasks]);
        }
    }
}
