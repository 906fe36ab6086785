using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>The OData services the adapter uses, from the configured paths.</summary>
internal static class SapServices
{
    public const string StockSet = "WarehouseAvailableStock";
    public const string DeliveryHeadSet = "WhseOutboundDeliveryOrderHead";
    public const string DeliveryItemSet = "WhseOutboundDeliveryOrderItem";
    public const string SalesOrderSet = "A_SalesOrder";
    public const string SalesOrderItemSet = "A_SalesOrderItem";
    public const string CustomerReturnSet = "A_CustomerReturn";
    public const string CustomerReturnProcessStepSet = "A_CustomerReturnProcessStep";
    public const string ReturnsInspectionSet = "ReturnsInspection";
    public const string WarehouseTaskSet = "WarehouseTask";
    public const string HandlingUnitSet = "HandlingUnit";
    public const string HandlingUnitReferenceSet = "HandlingUnitReferenceDocument";

    public static ODataService Stock(SapEwmOptions o) => new("api_whse_availablestock", ODataVersion.V4, o.AvailableStockServicePath);

    public static ODataService Deliveries(SapEwmOptions o) => new("api_warehouse_odo_2", ODataVersion.V4, o.OutboundDeliveryOrderServicePath);

    public static ODataService CustomerReturns(SapEwmOptions o) => new("API_CUSTOMER_RETURN_SRV", ODataVersion.V2, o.CustomerReturnServicePath);

    public static ODataService ReturnsInspection(SapEwmOptions o) => new("api_returnsinspection_2", ODataVersion.V4, o.ReturnsInspectionServicePath);

    public static ODataService WarehouseTasks(SapEwmOptions o) => new("api_warehouse_order_task_2", ODataVersion.V4, o.WarehouseOrderTaskServicePath);

    public static ODataService HandlingUnits(SapEwmOptions o) => new("api_handlingunit", ODataVersion.V4, o.HandlingUnitServicePath);

    public static ODataService SalesOrders(SapEwmOptions o) => new("API_SALES_ORDER_SRV", ODataVersion.V2, o.SalesOrderServicePath);
}
