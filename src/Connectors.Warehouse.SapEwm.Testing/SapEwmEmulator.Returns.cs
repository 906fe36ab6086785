using System.Globalization;
using System.Text.Json;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm;

public sealed partial class SapEwmEmulator
{
    private readonly Dictionary<string, (EmuRecord Header, List<EmuRecord> Items)> _returns = new(StringComparer.Ordinal);
    private long _nextReturn = 60_000_000;

    /// <summary>How many customer returns exist.</summary>
    public int CustomerReturnCount
    {
        get
        {
            lock (_gate)
            {
                return _returns.Count;
            }
        }
    }

    /// <summary>A header field (or, with <paramref name="item"/>, an item field) of a customer return as stored.</summary>
    /// <param name="customerReturn">The customer return number.</param>
    /// <param name="field">The field.</param>
    /// <param name="item">The item number, or <see langword="null"/> for the header.</param>
    /// <returns>The value.</returns>
    public string? CustomerReturnField(string customerReturn, string field, string? item = null)
    {
        lock (_gate)
        {
            var (header, items) = _returns[customerReturn];
            var record = item is null ? header : items.First(i => (string)i["CustomerReturnItem"]! == item);
            return record.TryGetValue(field, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        }
    }

    /// <summary>A customer return entered in SAP another way (by a clerk, from EDI), with the given customer reference.</summary>
    /// <param name="material">The returned material.</param>
    /// <param name="quantity">The quantity.</param>
    /// <param name="customerReference">Its <c>PurchaseOrderByCustomer</c>.</param>
    /// <returns>The customer return number.</returns>
    public string CreateForeignCustomerReturn(string material, decimal quantity, string customerReference)
    {
        lock (_gate)
        {
            var number = (++_nextReturn).ToString(CultureInfo.InvariantCulture);
            var header = new EmuRecord
            {
                ["CustomerReturn"] = number,
                ["CustomerReturnType"] = "CBAR",
                ["PurchaseOrderByCustomer"] = customerReference,
                ["RetsMgmtProcess"] = "R" + number,
            };
            var item = new EmuRecord
            {
                ["CustomerReturn"] = number,
                ["CustomerReturnItem"] = "10",
                ["Material"] = material,
                ["RequestedQuantity"] = quantity.ToString(CultureInfo.InvariantCulture),
            };
            _returns[number] = (header, [item]);
            return number;
        }
    }

    private EmuResponse HandleCustomerReturns(HttpContext context, SapEwmEmulatorRequest record, string resource)
    {
        var service = Services[3];
        var set = resource.Split('(', '/')[0];
        if (SapEwmSpecs.EntitySet(service.Model, set) is not { } entitySet)
        {
            return Error(2, 404, "/IWBEP/CM_MGW_RT/025", $"Resource not found for the segment '{set}'");
        }

        if (resource == "A_CustomerReturnProcessStep" && record.Method == "GET")
        {
            lock (_gate)
            {
                return Collection(context, service, set, entitySet.EntityType, [.. _processSteps]);
            }
        }

        if (resource != "A_CustomerReturn")
        {
            return Error(2, 404, "/IWBEP/CM_MGW_RT/025", $"The emulator does not serve '{resource}'");
        }

        lock (_gate)
        {
            return record.Method switch
            {
                "GET" => Collection(context, service, set, entitySet.EntityType, [.. _returns.Values.Select(r => (IEmuEntity)r.Header)]),
                "POST" => CreateCustomerReturn(record, service, entitySet.EntityType),
                _ => Error(2, 405, "/IWBEP/CM_MGW_RT/011", $"{record.Method} is not allowed on {set}"),
            };
        }
    }

    /// <summary>SAP's rule for this API: a customer return is created only by deep insert, with its items.</summary>
    private EmuResponse CreateCustomerReturn(SapEwmEmulatorRequest record, EmuService service, IEdmEntityType type)
    {
        using var document = JsonDocument.Parse(record.Body);
        var root = document.RootElement;
        CheckBody(root, type, 2, "A_CustomerReturn");
        foreach (var required in new[] { "CustomerReturnType", "SalesOrganization", "DistributionChannel", "OrganizationDivision", "SoldToParty" })
        {
            if (!root.TryGetProperty(required, out var value) || value.GetString() is not { Length: > 0 })
            {
                return Error(2, 400, "V1/320", $"Enter a value for field {required}", required);
            }
        }

        if (root.TryGetProperty("ReferenceSDDocument", out var reference) && reference.GetString() is { Length: > 0 } referenced && !_salesOrders.ContainsKey(referenced))
        {
            return Error(2, 400, "V1/302", $"Reference document {referenced} does not exist", "ReferenceSDDocument");
        }

        var items = JsonChildren(root, "to_Item").ToList();
        if (items.Count == 0)
        {
            return Error(2, 400, "MSR_RETURNS/011", "A customer return can only be created with items (deep insert)");
        }

        var number = (++_nextReturn).ToString(CultureInfo.InvariantCulture);
        var header = new EmuRecord();
        foreach (var property in root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            header[property.Name] = property.Value.GetString();
        }

        header["CustomerReturn"] = number;
        header["RetsMgmtProcess"] = "R" + number; // advanced returns management's process id, read-only to clients
        var stored = new List<EmuRecord>();
        foreach (var source in items)
        {
            var material = source.TryGetProperty("Material", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            if (!_products.Contains(material) && !_stock.Any(s => s.Product == material))
            {
                return Error(2, 400, "V1/390", $"Material {material} does not exist", "Material");
            }

            var item = new EmuRecord { ["CustomerReturn"] = number };
            foreach (var property in source.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                item[property.Name] = property.Value.GetString();
            }

            stored.Add(item);
        }

        _returns[number] = (header, stored);
        var response = Json(201, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("d");
            WriteEntity(w, service, "A_CustomerReturn", type, header, [], [], null, ieee754: false);
            w.WriteEndObject();
        });
        response.Headers["Location"] = new Uri(new Uri(Host, service.Path), $"A_CustomerReturn('{number}')").AbsoluteUri;
        return response;
    }
}
