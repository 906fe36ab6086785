using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>The three OData services the adapter uses, from the configured paths.</summary>
internal static class SapServices
{
    public const string StockSet = "WarehouseAvailableStock";
    public const string DeliveryHeadSet = "WhseOutboundDeliveryOrderHead";
    public const string DeliveryItemSet = "WhseOutboundDeliveryOrderItem";
    public const string SalesOrderSet = "A_SalesOrder";
    public const string SalesOrderItemSet = "A_SalesOrderItem";
    public const string CustomerReturnSet = "A_CustomerReturn";

    public static ODataService Stock(SapEwmOptions o) => new("api_whse_availablestock", ODataVersion.V4, o.AvailableStockServicePath);

    public static ODataService Deliveries(SapEwmOptions o) => new("api_warehouse_odo_2", ODataVersion.V4, o.OutboundDeliveryOrderServicePath);

    public static ODataService CustomerReturns(SapEwmOptions o) => new("API_CUSTOMER_RETURN_SRV", ODataVersion.V2, o.CustomerReturnServicePath);

    public static ODataService SalesOrders(SapEwmOptions o) => new("API_SALES_ORDER_SRV", ODataVersion.V2, o.SalesOrderServicePath);
}
