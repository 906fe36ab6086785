namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Supplies tracking for a shipment when <see cref="SapEwmOptions.TrackingSource"/> is
/// <see cref="SapTrackingSource.HostCallback"/> (for example from a carrier integration outside SAP).
/// </summary>
public interface ISapEwmTrackingResolver
{
    /// <summary>Returns the tracking of the parcels of one outbound delivery order, or an empty list when none is known.</summary>
    /// <param name="delivery">The outbound delivery order whose goods issue was posted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tracking, one entry per parcel.</returns>
    Task<IReadOnlyList<TrackingInfo>> ResolveAsync(SapOutboundDelivery delivery, CancellationToken cancellationToken = default);
}
