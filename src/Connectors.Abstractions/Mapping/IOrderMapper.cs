namespace Connectors;

/// <summary>Maps orders to the warehouse and shipments and returns back to the channel.</summary>
public interface IOrderMapper
{
    /// <summary>Maps a channel order to a warehouse order and decides its release. Maps all or nothing.</summary>
    /// <param name="order">The channel order.</param>
    /// <param name="cancellationToken">Cancels the mapping.</param>
    /// <returns>The mapping result.</returns>
    /// <exception cref="MappingException">A line or field cannot be mapped; the exception names the order, line and field.</exception>
    ValueTask<OrderMappingResult> MapOrderAsync(ChannelOrder order, CancellationToken cancellationToken = default);

    /// <summary>
    /// Maps a warehouse shipment to channel lines: component units fold back into bundle lines (a bundle line ships
    /// only when all its components do), WMS units convert to selling units.
    /// </summary>
    /// <param name="shipment">The warehouse shipment.</param>
    /// <param name="order">The channel order it belongs to.</param>
    /// <param name="cancellationToken">Cancels the mapping.</param>
    /// <returns>The fulfilment for the channel, keyed by the shipment id.</returns>
    /// <exception cref="MappingException">A shipped SKU is not on the order, or units do not convert to whole selling units.</exception>
    ValueTask<FulfillmentRequest> MapShipmentAsync(WarehouseShipment shipment, ChannelOrder order, CancellationToken cancellationToken = default);

    /// <summary>Maps a channel return request to the WMS SKUs and units to expect.</summary>
    /// <param name="request">The return request.</param>
    /// <param name="order">The channel order it belongs to.</param>
    /// <param name="cancellationToken">Cancels the mapping.</param>
    /// <returns>The expected return.</returns>
    /// <exception cref="MappingException">A line cannot be mapped.</exception>
    ValueTask<ExpectedReturn> MapReturnAsync(ReturnRequest request, ChannelOrder order, CancellationToken cancellationToken = default);
}
