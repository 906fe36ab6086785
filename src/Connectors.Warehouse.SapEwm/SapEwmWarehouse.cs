using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.Logging;

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// SAP EWM on S/4HANA as the WMS: <see cref="IWarehouseInventory"/> from <c>WarehouseAvailableStock</c>, and
/// <see cref="IWarehouseOrders"/> as S/4HANA sales orders (EWM has no API to create an outbound delivery order; the
/// sales order reaches EWM as a warehouse request) cancelled through <c>AdjustDeliveryItemQuantity</c> while picking
/// has not started, and <see cref="IWarehouseReturns"/> as S/4HANA customer returns. Registered by <c>AddSapEwm</c>.
/// </summary>
public sealed partial class SapEwmWarehouse : IWarehouseInventory, IWarehouseOrders, IWarehouseReturns
{
    /// <summary>The platform name in errors, dead letters and telemetry.</summary>
    public const string PlatformName = "sap-ewm";

    private readonly ODataClient _client;
    private readonly SapEwmMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ISapEwmReturnHandler? _returnHandler;

    internal SapEwmWarehouse(ODataClient client, SapEwmMetrics metrics, ILogger logger, ISapEwmReturnHandler? returnHandler = null)
    {
        _client = client;
        _metrics = metrics;
        _logger = logger;
        _returnHandler = returnHandler;
    }

    private SapEwmOptions Options => _client.Options;
}
