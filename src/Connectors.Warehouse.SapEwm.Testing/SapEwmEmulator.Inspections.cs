using System.Globalization;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private readonly List<EmuRecord> _processSteps = [];
    private readonly Dictionary<EmuRecord, List<EmuRecord>> _inspections = [];
    private long _nextReturnsDelivery = 84_000_000;
    private long _nextInspection = 500_000;

    /// <summary>
    /// The returned parcel of a customer return arrives and is inspected: S/4HANA creates the returns delivery (a step of
    /// the returns process, <c>A_CustomerReturnProcessStep</c>) and the inspector records a <c>ReturnsInspection</c>
    /// with one item per product, the quantity inspected and the logistical follow-up activity (<c>0001</c> move to
    /// stock puts it back into unrestricted-use stock once confirmed). The inspection is confirmed at once unless
    /// <paramref name="confirm"/> is false (then <see cref="ConfirmReturnsInspection"/> does it).
    /// </summary>
    /// <param name="customerReturn">The customer return number.</param>
    /// <param name="lines">Product, quantity and follow-up activity per inspected item.</param>
    /// <param name="confirm">Whether the inspection is confirmed now.</param>
    /// <returns>The returns inspection number.</returns>
    public string InspectReturn(string customerReturn, IReadOnlyList<(string Product, decimal Quantity, string FollowUpActivity)> lines, bool confirm = true)
    {
        ArgumentNullException.ThrowIfNull(lines);
        lock (_gate)
        {
            var (header, _) = _returns[customerReturn];
            var delivery = (++_nextReturnsDelivery).ToString(CultureInfo.InvariantCulture);
            _processSteps.Add(new EmuRecord
            {
                ["RetsMgmtProcess"] = header["RetsMgmtProcess"],
                ["RetsMgmtProcessItem"] = "000010",
                ["RetsMgmtProcItmQtySplit"] = "001",
                ["RetsMgmtProcessStep"] = "DLV",
                ["ReturnsDocumentType"] = "DL",
                ["ReturnsDocument"] = delivery,
                ["ReturnsDocumentItem"] = "000010",
                ["ReturnsDocumentStatus"] = "C",
                ["ReturnsReferenceDocumentType"] = "RO",
                ["ReturnsReferenceDocument"] = customerReturn,
            });
            var number = (++_nextInspection).ToString(CultureInfo.InvariantCulture).PadLeft(12, '0');
            var inspection = new EmuRecord
            {
                ["ReturnsInspection"] = number,
                ["ReturnsDelivery"] = delivery,
                ["RetsInspectionIsToBeConfirmed"] = false,
                ["CreatedByUser"] = "INSPECTOR",
                ["CreationDateTime"] = Now,
                ["LastChangedByUser"] = "INSPECTOR",
                ["LastChangeDateTime"] = Now,
            };
            var items = lines.Select((l, i) => new EmuRecord
            {
                ["ReturnsInspection"] = number,
                ["ReturnsInspectionItem"] = ((i + 1) * 10).ToString("D4", CultureInfo.InvariantCulture),
                ["ReturnsDelivery"] = delivery,
                ["ReturnsDeliveryItem"] = ((i + 1) * 10).ToString("D6", CultureInfo.InvariantCulture),
                ["ReturnsInspectionItemStatus"] = "A",
                ["Product"] = l.Product,
                ["InspectionCode"] = "0001",
                ["InspectedProductQtyInBaseUnit"] = l.Quantity,
                ["InspectedProductQuantity"] = l.Quantity,
                ["BaseUnit"] = "PC",
                ["ReturnsFollowUpActivity"] = l.FollowUpActivity,
            }).ToList();
            _inspections[inspection] = items;
            if (confirm)
            {
                ConfirmLocked(inspection);
            }

            return number;
        }
    }

    /// <summary>Customer returns whose parcel has not arrived yet (no returns inspection), with their items.</summary>
    /// <returns>Number and (material, quantity) per item.</returns>
    public IReadOnlyList<(string CustomerReturn, IReadOnlyList<(string Material, decimal Quantity)> Items)> ReturnsAwaitingReceipt()
    {
        lock (_gate)
        {
            var received = _processSteps.Select(p => (string)p["ReturnsReferenceDocument"]!).ToHashSet(StringComparer.Ordinal);
            return [.. _returns
                .Where(r => !received.Contains(r.Key))
                .Select(r => (r.Key, (IReadOnlyList<(string, decimal)>)[.. r.Value.Items.Select(i => ((string)i["Material"]!, decimal.Parse((string)i["RequestedQuantity"]!, CultureInfo.InvariantCulture)))]))];
        }
    }

    /// <summary>The inspector confirms a returns inspection (as <c>ConfirmRetsInspByDelivery</c> does).</summary>
    /// <param name="inspection">The returns inspection number.</param>
    public void ConfirmReturnsInspection(string inspection)
    {
        lock (_gate)
        {
            ConfirmLocked(_inspections.Keys.Single(i => (string)i["ReturnsInspection"]! == inspection));
        }
    }

    private void ConfirmLocked(EmuRecord inspection)
    {
        inspection["RetsInspectionIsToBeConfirmed"] = true;
        inspection["LastChangeDateTime"] = Now;
        foreach (var item in _inspections[inspection].Where(i => (string)i["ReturnsFollowUpActivity"]! == "0001"))
        {
            _stock.Add(new EmuStockRow(DeliveryWarehouse, (string)item["Product"]!, string.Empty, "F2", "RETURNS", string.Empty, (decimal)item["InspectedProductQtyInBaseUnit"]!));
        }
    }

    private EmuResponse HandleInspections(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[4];
        var set = resource.Split('(', '/')[0];
        if (SapEwmSpecs.EntitySet(service.Model, set) is not { } entitySet)
        {
            return Error(4, 404, "/IWBEP/CM_V4_RT/001", $"Resource '{set}' not found in service api_returnsinspection_2");
        }

        if (record.Method != "GET" || resource != set)
        {
            return Error(4, 501, "/IWBEP/CM_V4_RT/006", $"{record.Method} {resource} is not served by the emulator");
        }

        lock (_gate)
        {
            return set == "ReturnsInspection"
                ? Collection(context, service, set, entitySet.EntityType, [.. _inspections.Keys], (parent, _) => _inspections[(EmuRecord)parent])
                : Collection(context, service, set, entitySet.EntityType, [.. _inspections.Values.SelectMany(i => i)]);
        }
    }
}
