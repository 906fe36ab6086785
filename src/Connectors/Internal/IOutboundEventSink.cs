namespace Connectors.Internal;

/// <summary>Where shipments and return receipts published by the host go: the fulfilment outbox.</summary>
internal interface IOutboundEventSink
{
    Task AcceptShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken);

    Task AcceptReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken);
}
