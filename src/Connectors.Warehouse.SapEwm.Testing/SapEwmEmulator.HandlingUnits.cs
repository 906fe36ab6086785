using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private readonly List<EmuRecord> _handlingUnits = [];
    private readonly Dictionary<EmuRecord, (List<EmuRecord> Items, List<EmuRecord> AlternativeIds, EmuRecord Reference)> _handlingUnitParts = [];
    private long _nextStockItem;

    /// <summary>
    /// The packer packs products of a delivery into a handling unit (a parcel) and labels it: the unit refers to the
    /// outbound delivery order (<c>HandlingUnitReferenceDocument</c>), holds the products (<c>HandlingUnitItem</c>) and
    /// carries alternative ids by type (<c>HandlingUnitAlternativeID</c>, for example the carrier's parcel number).
    /// </summary>
    /// <param name="deliveryOrder">The outbound delivery order number.</param>
    /// <param name="handlingUnit">The handling unit's external id.</param>
    /// <param name="contents">Product and quantity packed.</param>
    /// <param name="alternativeIds">Alternative ids by type (one character).</param>
    public void PackHandlingUnit(string deliveryOrder, string handlingUnit, IReadOnlyList<(string Product, decimal Quantity)> contents, IReadOnlyDictionary<string, string>? alternativeIds = null)
    {
        ArgumentNullException.ThrowIfNull(contents);
        lock (_gate)
        {
            var delivery = Delivery(deliveryOrder);
            var unit = new EmuRecord
            {
                ["HandlingUnitExternalID"] = handlingUnit,
                ["Warehouse"] = delivery.Warehouse,
                ["PackagingMaterial"] = "PARCEL",
                ["HandlingUnitReferenceDocument"] = string.Empty,
                ["CreationDateTime"] = Now,
                ["LastChangeDateTime"] = Now,
            };
            var items = contents.Select(c => new EmuRecord
            {
                ["HandlingUnitExternalID"] = handlingUnit,
                ["Warehouse"] = delivery.Warehouse,
                ["StockItemUUID"] = new Guid((int)Interlocked.Increment(ref _nextStockItem), 0, 0, new byte[8]),
                ["Material"] = c.Product,
                ["Batch"] = string.Empty,
                ["HandlingUnitQuantity"] = c.Quantity,
                ["HandlingUnitQuantityUnit"] = "PC",
            }).ToList();
            var ids = (alternativeIds ?? new Dictionary<string, string>()).Select(a => new EmuRecord
            {
                ["HandlingUnitExternalID"] = handlingUnit,
                ["Warehouse"] = delivery.Warehouse,
                ["EWMHndlgUnitAltvIDType"] = a.Key,
                ["EWMHndlgUnitAltvID"] = a.Value,
            }).ToList();
            var reference = new EmuRecord
            {
                ["Warehouse"] = delivery.Warehouse,
                ["HandlingUnitExternalID"] = handlingUnit,
                ["HandlingUnitReferenceDocument"] = "1",
                ["EWMInboundDelivery"] = string.Empty,
                ["EWMOutboundDeliveryOrder"] = deliveryOrder,
            };
            _handlingUnits.Add(unit);
            _handlingUnitParts[unit] = (items, ids, reference);
        }
    }

    private EmuResponse HandleHandlingUnits(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[6];
        var set = resource.Split('(', '/')[0];
        if (SapEwmSpecs.EntitySet(service.Model, set) is not { } entitySet)
        {
            return Error(4, 404, "/IWBEP/CM_V4_RT/001", $"Resource '{set}' not found in service api_handlingunit");
        }

        if (record.Method != "GET" || resource != set)
        {
            return Error(4, 501, "/IWBEP/CM_V4_RT/006", $"{record.Method} {resource} is not served by the emulator");
        }

        lock (_gate)
        {
            return set switch
            {
                "HandlingUnit" => Collection(context, service, set, entitySet.EntityType, [.. _handlingUnits], (parent, navigation) => navigation switch
                {
                    "_HandlingUnitItem" => _handlingUnitParts[(EmuRecord)parent].Items,
                    "_HandlingUnitAlternativeID" => _handlingUnitParts[(EmuRecord)parent].AlternativeIds,
                    _ => [_handlingUnitParts[(EmuRecord)parent].Reference],
                }),
                "HandlingUnitReferenceDocument" => Collection(context, service, set, entitySet.EntityType, [.. _handlingUnitParts.Values.Select(p => (IEmuEntity)p.Reference)]),
                _ => Error(4, 501, "/IWBEP/CM_V4_RT/006", $"{set} is not served by the emulator"),
            };
        }
    }
}
