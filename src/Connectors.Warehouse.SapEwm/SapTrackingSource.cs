namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Where a shipment's tracking number comes from. EWM has no field reserved for a parcel tracking number, so the
/// system's configuration decides which field the carrier's number is written to.
/// </summary>
public enum SapTrackingSource
{
    /// <summary>The outbound delivery order's <c>TranspOrdPartnerReference</c> (external consignment order, 35 characters).</summary>
    TransportPartnerReference = 0,

    /// <summary>The outbound delivery order's <c>MasterBillOfLading</c>.</summary>
    MasterBillOfLading,

    /// <summary>No tracking from SAP: an <see cref="ISapEwmTrackingResolver"/> registered by the host supplies it.</summary>
    HostCallback,

    /// <summary>
    /// The alternative id of type <see cref="SapEwmOptions.TrackingAlternativeIdType"/> of each handling unit of the
    /// delivery (<c>HandlingUnitAlternativeID</c>): one tracking number per parcel.
    /// </summary>
    HandlingUnitAlternativeId,
}
