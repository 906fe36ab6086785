using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private readonly List<EmuStockRow> _stock = [];

    /// <summary>
    /// Puts stock in a storage bin (a row of <c>WarehouseAvailableStock</c>): one product, batch, stock type and handling
    /// unit in one bin. Rows of the same product in several bins, handling units or stock types are separate rows, as in EWM.
    /// </summary>
    /// <param name="warehouse">The EWM warehouse number.</param>
    /// <param name="product">The product.</param>
    /// <param name="quantity">The available quantity in the base unit.</param>
    /// <param name="stockType">The stock type (<c>F2</c> unrestricted-use in the warehouse by default; <c>Q2</c> quality, <c>B2</c> blocked…).</param>
    /// <param name="batch">The batch, or empty.</param>
    /// <param name="storageBin">The storage bin.</param>
    /// <param name="handlingUnit">The handling unit, or empty.</param>
    public void AddStock(string warehouse, string product, decimal quantity, string stockType = "F2", string batch = "", string storageBin = "0010-01-01", string handlingUnit = "")
    {
        lock (_gate)
        {
            _stock.Add(new EmuStockRow(warehouse, product, batch, stockType, storageBin, handlingUnit, quantity));
        }
    }

    /// <summary>Takes every row of a product out of a warehouse (sold off, scrapped, moved away).</summary>
    /// <param name="warehouse">The warehouse.</param>
    /// <param name="product">The product.</param>
    public void RemoveStock(string warehouse, string product)
    {
        lock (_gate)
        {
            _stock.RemoveAll(r => r.Warehouse == warehouse && r.Product == product);
        }
    }

    /// <summary>The quantity of a product in a warehouse over all stock rows of the given stock type.</summary>
    /// <param name="warehouse">The warehouse.</param>
    /// <param name="product">The product.</param>
    /// <param name="stockType">The stock type.</param>
    /// <returns>The quantity.</returns>
    public decimal StockOf(string warehouse, string product, string stockType = "F2")
    {
        lock (_gate)
        {
            return _stock.Where(r => r.Warehouse == warehouse && r.Product == product && r.StockType == stockType).Sum(r => r.Quantity);
        }
    }

    private EmuResponse HandleStock(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[0];
        if (resource != "WarehouseAvailableStock")
        {
            return SapEwmSpecs.EntitySet(service.Model, resource.Split('(', '/')[0]) is null
                ? Error(4, 404, "/IWBEP/CM_V4_RT/001", $"Resource '{resource}' not found in service api_whse_availablestock")
                : Error(4, 405, "/IWBEP/CM_V4_RT/010", $"Only the collection of {resource} is served by the emulator");
        }

        if (record.Method != "GET")
        {
            return Error(4, 405, "/IWBEP/CM_V4_RT/011", "WarehouseAvailableStock is read-only");
        }

        List<EmuStockRow> rows;
        lock (_gate)
        {
            rows = [.. _stock.Where(r => r.Quantity != 0)];
        }

        var type = SapEwmSpecs.EntitySet(service.Model, resource)!.EntityType;
        return Collection(context, service, resource, type, rows);
    }

    private sealed class EmuStockRow(string warehouse, string product, string batch, string stockType, string bin, string hu, decimal quantity) : IEmuEntity
    {
        public string Warehouse { get; } = warehouse;

        public string Product { get; } = product;

        public string StockType { get; } = stockType;

        public decimal Quantity { get; set; } = quantity;

        public bool TryGet(string name, out object? value)
        {
            value = name switch
            {
                "EWMWarehouse" => Warehouse,
                "Product" => Product,
                "Batch" => batch,
                "EWMStockType" => StockType,
                "EWMStorageBin" => bin,
                "HandlingUnitExternalID" => hu,
                "AvailableEWMStockQty" => Quantity,
                "EWMStockQuantityBaseUnit" => "PC",
                "EWMStockQtyBaseUnitISOCode" => "PCE",
                "EWMStockUsage" => string.Empty,
                "EWMStorageType" => bin.Length >= 4 ? bin[..4] : bin,
                _ => null,
            };
            return value is not null;
        }
    }
}
