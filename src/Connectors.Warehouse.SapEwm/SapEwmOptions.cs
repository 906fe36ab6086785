using System.ComponentModel.DataAnnotations;

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Settings of the SAP EWM warehouse adapter: the S/4HANA system, its credentials, the EWM warehouses it serves and
/// the field choices for sales orders and shipments. Read through <c>IOptionsMonitor</c> on every request (credentials
/// rotate without a restart); validated at start.
/// </summary>
public sealed class SapEwmOptions
{
    /// <summary>
    /// The S/4HANA system's HTTPS root, for example <c>https://my-s4.example.com</c> (the service paths below are
    /// appended to it). Required; <c>http</c> is refused unless <see cref="AllowInsecureHttp"/> is set.
    /// </summary>
    [Required]
    public Uri? Host { get; set; }

    /// <summary>Allows a plain-HTTP <see cref="Host"/> (test systems and emulators only). Default <see langword="false"/>.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>The SAP client (<c>sap-client</c>, three digits such as <c>100</c>); <see langword="null"/> to use the system's default client.</summary>
    public string? SapClient { get; set; }

    /// <summary>How requests authenticate. Default <see cref="SapAuthenticationMode.Basic"/>.</summary>
    public SapAuthenticationMode Authentication { get; set; } = SapAuthenticationMode.Basic;

    /// <summary>The communication user for <see cref="SapAuthenticationMode.Basic"/>.</summary>
    public string? UserName { get; set; }

    /// <summary>The communication user's password for <see cref="SapAuthenticationMode.Basic"/>. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The OAuth 2.0 token endpoint for <see cref="SapAuthenticationMode.OAuthClientCredentials"/> (for SAP BTP, the XSUAA <c>…/oauth/token</c> URL).</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The OAuth 2.0 client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth 2.0 client secret. Never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The OAuth 2.0 scope to ask for, if the token endpoint needs one.</summary>
    public string? Scope { get; set; }

    /// <summary>
    /// For <see cref="SapAuthenticationMode.ClientCertificate"/>: the path of a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>)
    /// holding the client certificate and its private key. Read at start (a file that cannot be read fails validation)
    /// and again when the HTTP handler is renewed after the file changed, so a renewed certificate is picked up
    /// without a restart. Set this, or register an <see cref="ISapEwmClientCertificateSource"/>, not both.
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The password of the <see cref="ClientCertificatePath"/> file, if it has one. Never logged.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// The EWM warehouse numbers (four characters, for example <c>1710</c>) the adapter reads stock and deliveries
    /// of. Each is reported as the <see cref="StockLevel.LocationId"/> of its stock. Required, at least one.
    /// </summary>
    public IList<string> Warehouses { get; } = [];

    /// <summary>
    /// The EWM stock types that count as available to sell. Default: the unrestricted-use types <c>F1</c>
    /// (unrestricted-use in putaway) and <c>F2</c> (unrestricted-use in the warehouse). Quality-inspection and blocked
    /// stock types are left out unless listed here.
    /// </summary>
    public IList<string> AvailableStockTypes { get; } = [];

    /// <summary>
    /// Reports stock per product and batch (<c>{Product}{BatchSeparator}{Batch}</c>) instead of per product. Default
    /// <see langword="false"/>: batches of one product add up.
    /// </summary>
    public bool SkuIncludesBatch { get; set; }

    /// <summary>The separator between product and batch when <see cref="SkuIncludesBatch"/> is set. Default <c>/</c>.</summary>
    [Required]
    public string BatchSeparator { get; set; } = "/";

    /// <summary>Rows per page asked of the server (<c>Prefer: odata.maxpagesize</c> in OData V4). Default 5000; 1 to 50000.</summary>
    [Range(1, 50_000)]
    public int PageSize { get; set; } = 5000;

    /// <summary>The sales order type of created orders. Default <c>OR</c> (standard order).</summary>
    [Required]
    public string SalesOrderType { get; set; } = "OR";

    /// <summary>The sales organisation of created orders. Required.</summary>
    [Required]
    public string? SalesOrganization { get; set; }

    /// <summary>The distribution channel of created orders. Required.</summary>
    [Required]
    public string? DistributionChannel { get; set; }

    /// <summary>The division of created orders. Required.</summary>
    [Required]
    public string? OrganizationDivision { get; set; }

    /// <summary>The sold-to party (customer number) of created orders, for example a one-time customer per shop. Required.</summary>
    [Required]
    public string? SoldToParty { get; set; }

    /// <summary>The ship-to party's customer number; <see langword="null"/> uses <see cref="SoldToParty"/>. The order's ship-to address overrides its master address.</summary>
    public string? ShipToParty { get; set; }

    /// <summary>
    /// The partner function code of the ship-to partner as the Sales Order API expects it. Default <c>SH</c> (the
    /// English external code of ship-to; <c>WE</c> is its internal code, which some systems expect).
    /// </summary>
    [Required]
    public string ShipToPartnerFunction { get; set; } = "SH";

    /// <summary>
    /// The sales order header field that carries the channel order's idempotency key, so a retry finds the order
    /// instead of creating a second. Default <see cref="SalesOrderReferenceField.PurchaseOrderByCustomer"/>.
    /// </summary>
    public SalesOrderReferenceField ReferenceField { get; set; } = SalesOrderReferenceField.PurchaseOrderByCustomer;

    /// <summary>
    /// The reason for rejection (<c>SalesDocumentRjcnReason</c>, two characters) set on the items of a cancelled sales order:
    /// before its outbound delivery order reached EWM this is the cancellation (<see langword="null"/>, the default: such a
    /// cancellation is refused); after the delivery quantities were set to 0 it keeps the items from becoming due for
    /// delivery again.
    /// </summary>
    public string? RejectionReason { get; set; }

    /// <summary>The unit of the requested quantity of created items (for example <c>PC</c>); <see langword="null"/> leaves it to the material's sales unit.</summary>
    public string? QuantityUnit { get; set; }

    /// <summary>Where a shipment's tracking number comes from. Default <see cref="SapTrackingSource.TransportPartnerReference"/>.</summary>
    public SapTrackingSource TrackingSource { get; set; } = SapTrackingSource.TransportPartnerReference;

    /// <summary>
    /// Carrier names by the carrier's business partner number on the outbound delivery order, as the channel should
    /// show them (for example <c>17300001</c> to <c>UPS</c>). A carrier not listed is reported by its name in EWM.
    /// </summary>
    public IDictionary<string, string> CarrierNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// How far back the first shipment poll of a warehouse looks when no cursor is stored yet. Default one day.
    /// </summary>
    public TimeSpan InitialShipmentLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The path of the Warehouse Available Stock (A2X) OData V4 service, pinned to version 0001.</summary>
    [Required]
    public string AvailableStockServicePath { get; set; } = "/sap/opu/odata4/sap/api_whse_availablestock/srvd_a2x/sap/warehouseavailablestock/0001/";

    /// <summary>The path of the Warehouse Outbound Delivery Order (A2X) OData V4 service, pinned to version 0001.</summary>
    [Required]
    public string OutboundDeliveryOrderServicePath { get; set; } = "/sap/opu/odata4/sap/api_warehouse_odo_2/srvd_a2x/sap/warehouseoutbdeliveryorder/0001/";

    /// <summary>The path of the Sales Order (A2X) OData V2 service <c>API_SALES_ORDER_SRV</c>.</summary>
    [Required]
    public string SalesOrderServicePath { get; set; } = "/sap/opu/odata/sap/API_SALES_ORDER_SRV/";

    /// <summary>The path of the Customer Return (A2X) OData V2 service <c>API_CUSTOMER_RETURN_SRV</c>.</summary>
    [Required]
    public string CustomerReturnServicePath { get; set; } = "/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/";

    /// <summary>The customer return type of created returns. Default <c>CBAR</c> (advanced returns management's returns order).</summary>
    [Required]
    public string CustomerReturnType { get; set; } = "CBAR";

    /// <summary>The return reason (<c>ReturnReason</c>, up to 3 characters) on each item of a created return; <see langword="null"/> (default) leaves it out.</summary>
    public string? ReturnReason { get; set; }

    /// <summary>
    /// How often the hosted worker that <c>AddSapEwm</c> registers polls for goods issues (shipments) and returns
    /// inspections (return receipts). Default 30 seconds; at least 100 milliseconds.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the hosted worker reads each warehouse's stock and publishes the levels that changed since its last
    /// read (and, after a start, every level once). Default five minutes; <see langword="null"/> turns stock deltas off
    /// (the engine's full syncs and reconciliation still read the snapshot).
    /// </summary>
    public TimeSpan? StockDeltaInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Reports <see cref="StockLevel.Reserved"/> from the open stock-removal warehouse tasks (<c>WarehouseTask</c> with
    /// status open and process category 2) of the available stock types; on hand is then available plus reserved. EWM's
    /// available quantity already leaves out what open tasks hold, so free stock is the same either way. Default
    /// <see langword="true"/>; <see langword="false"/> reports on hand = available and reserved = 0 without reading tasks.
    /// (SAP's physical stock API, <c>API_WHSE_PHYSSTOCKPROD</c>, was not available to build against; see the guide.)
    /// </summary>
    public bool ReservedFromWarehouseTasks { get; set; } = true;

    /// <summary>
    /// Splits a goods-issued outbound delivery order into one shipment per handling unit (with the products packed in
    /// it, and its own tracking where <see cref="TrackingSource"/> is <see cref="SapTrackingSource.HandlingUnitAlternativeId"/>);
    /// what is not packed in a handling unit ships as one more shipment. Default <see langword="true"/>; a delivery
    /// without handling units is one shipment either way.
    /// </summary>
    public bool SplitShipmentsByHandlingUnit { get; set; } = true;

    /// <summary>
    /// The alternative id type (<c>EWMHndlgUnitAltvIDType</c>, one character) of a handling unit that holds the parcel's
    /// tracking number, for <see cref="SapTrackingSource.HandlingUnitAlternativeId"/>. Required with that source.
    /// </summary>
    public string? TrackingAlternativeIdType { get; set; }

    /// <summary>
    /// Whether the shipment poll reports each outbound delivery order it sees for a sales order of this adapter back to
    /// the order's channel, once per delivery order, as an order acknowledgement (released, with the delivery order
    /// number as the warehouse reference). Default <see langword="false"/> (opt-in until the interaction seen in the
    /// SAP EWM chaos run is explained: see docs/warehouses/sap-ewm.md); needs the engine's channel registry
    /// (<c>AddConnectors</c>) and the channel registered there as an <see cref="IOrderChannel"/>.
    /// </summary>
    public bool ReportDeliveryOrders { get; set; }

    /// <summary>
    /// Whether an expected return becomes an S/4HANA customer return (default <see langword="true"/>). Set
    /// <see langword="false"/> where returns enter SAP another way: each expected return then goes to the
    /// <see cref="ISapEwmReturnHandler"/> the host registers (without one, returns are refused with the reason), and
    /// return receipts are published only for customer returns that carry <c>{channel}:{returnId}</c> in their
    /// customer reference and reference a sales order of this adapter.
    /// </summary>
    public bool CreateCustomerReturns { get; set; } = true;

    /// <summary>
    /// Reads returns inspections (<c>ReturnsInspection</c>) and publishes each confirmed one of a customer return this
    /// adapter created as a return receipt. Default <see langword="true"/>.
    /// </summary>
    public bool ReturnReceipts { get; set; } = true;

    /// <summary>
    /// The logistical follow-up activities (<c>ReturnsFollowUpActivity</c>) of a returns inspection item that put the
    /// goods back into sellable stock (the receipt line's <see cref="ReturnReceiptLine.Restock"/>). Default <c>0001</c>
    /// (move to stock in SAP's standard configuration); check the codes of your system.
    /// </summary>
    public IList<string> RestockFollowUpActivities { get; } = [];

    /// <summary>The path of the Returns Inspection OData V4 service <c>api_returnsinspection_2</c>, pinned to version 0001.</summary>
    [Required]
    public string ReturnsInspectionServicePath { get; set; } = "/sap/opu/odata4/sap/api_returnsinspection_2/srvd_a2x/sap/returnsinspection/0001/";

    /// <summary>The path of the Warehouse Order and Task (A2X) OData V4 service <c>api_warehouse_order_task_2</c>, pinned to version 0001.</summary>
    [Required]
    public string WarehouseOrderTaskServicePath { get; set; } = "/sap/opu/odata4/sap/api_warehouse_order_task_2/srvd_a2x/sap/warehouseorder/0001/";

    /// <summary>The path of the Handling Unit OData V4 service <c>api_handlingunit</c>, pinned to version 0001.</summary>
    [Required]
    public string HandlingUnitServicePath { get; set; } = "/sap/opu/odata4/sap/api_handlingunit/srvd_a2x/sap/handlingunit/0001/";

    /// <summary>Time allowed for one HTTP attempt. Default 60 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a transient failure (429, 5xx, timeouts) of reads and updates, honouring <c>Retry-After</c>. Default 3. Creations are never retried inside the pipeline.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The restocking follow-up activities in effect: <see cref="RestockFollowUpActivities"/>, or <c>0001</c> when none are set.</summary>
    internal IReadOnlyList<string> EffectiveRestockActivities => RestockFollowUpActivities.Count > 0 ? [.. RestockFollowUpActivities] : ["0001"];

    /// <summary>The stock types in effect: <see cref="AvailableStockTypes"/>, or <c>F1</c> and <c>F2</c> when none are set.</summary>
    internal IReadOnlyList<string> EffectiveStockTypes => AvailableStockTypes.Count > 0 ? [.. AvailableStockTypes] : ["F1", "F2"];
}
