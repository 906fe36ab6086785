using System.Text;
using System.Text.Json;
using System.Xml;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace Connectors.Testing.SapEwm;

/// <summary>
/// SAP's published specifications of the services the SAP EWM adapter uses, as EDM models: the OData V4
/// <c>$metadata</c> (EDMX) read with <see cref="CsdlReader"/> where SAP published one (Warehouse Available Stock), and a
/// model built from SAP's OpenAPI file where only that exists (Warehouse Outbound Delivery Order, Sales Order). The
/// emulator serves and enforces them; tests validate every request against them.
/// </summary>
public static class SapEwmSpecs
{
    private static readonly Lazy<IEdmModel> Stock = new(() => ReadEdmx("sap-ewm/warehouse-available-stock.edmx"));
    private static readonly Lazy<IEdmModel> Deliveries = new(() => OpenApiEdm.Build(ContractFiles.ReadText("sap-ewm/warehouse-outbound-delivery-order.json")));
    private static readonly Lazy<IEdmModel> Returns = new(() => OpenApiEdm.Build(ContractFiles.ReadText("sap-ewm/customer-return.json")));
    private static readonly Lazy<IEdmModel> Inspections = new(() => ReadEdmx("sap-ewm/returns-inspection.edmx"));
    private static readonly Lazy<IEdmModel> Tasks = new(() => ReadEdmx("sap-ewm/warehouse-order-task.edmx"));
    private static readonly Lazy<IEdmModel> Units = new(() => OpenApiEdm.Build(ContractFiles.ReadText("sap-ewm/handling-unit.json")));
    private static readonly Lazy<IEdmModel> Sales = new(() => OpenApiEdm.Build(ContractFiles.ReadText("sap-ewm/sales-order.json")));

    /// <summary>Warehouse Available Stock (A2X), <c>api_whse_availablestock</c> 0001, from its EDMX.</summary>
    public static IEdmModel AvailableStock => Stock.Value;

    /// <summary>Warehouse Outbound Delivery Order (A2X), <c>api_whse_outb_delivery_order_2</c> 0001, built from its OpenAPI file (no EDMX was published).</summary>
    public static IEdmModel OutboundDeliveryOrder => Deliveries.Value;

    /// <summary>Sales Order (A2X), <c>API_SALES_ORDER_SRV</c>, built from its OpenAPI file (the EDMX is OData V2, which <see cref="CsdlReader"/> does not read).</summary>
    public static IEdmModel SalesOrder => Sales.Value;

    /// <summary>Customer Return (A2X), <c>API_CUSTOMER_RETURN_SRV</c>, built from its OpenAPI file (the EDMX is OData V2).</summary>
    public static IEdmModel CustomerReturn => Returns.Value;

    /// <summary>Returns Inspection, <c>api_returnsinspection_2</c> 0001, from its EDMX.</summary>
    public static IEdmModel ReturnsInspection => Inspections.Value;

    /// <summary>Warehouse Order and Task (A2X), <c>api_warehouse_order_task_2</c> 0001, from its EDMX.</summary>
    public static IEdmModel WarehouseOrderTask => Tasks.Value;

    /// <summary>Handling Unit, <c>api_handlingunit</c> 0001, built from its OpenAPI file (no EDMX was published).</summary>
    public static IEdmModel HandlingUnit => Units.Value;

    /// <summary>Reads an OData V4 EDMX contract file; the vocabulary references to the SAP system are not followed.</summary>
    /// <param name="relativePath">The path below the contracts folder.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidOperationException">The file is not valid CSDL.</exception>
    public static IEdmModel ReadEdmx(string relativePath)
    {
        using var reader = XmlReader.Create(ContractFiles.PathOf(relativePath));
        if (!CsdlReader.TryParse(reader, Enumerable.Empty<IEdmModel>(), new CsdlReaderSettings { IgnoreUnexpectedAttributesAndElements = true }, out var model, out var errors))
        {
            throw new InvalidOperationException($"{relativePath} is not valid CSDL: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }

        return model;
    }

    /// <summary>The model as a CSDL document, for <c>$metadata</c>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The EDMX XML.</returns>
    public static string ToMetadataXml(IEdmModel model)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            if (!CsdlWriter.TryWriteCsdl(model, writer, CsdlTarget.OData, out IEnumerable<EdmError> errors))
            {
                throw new InvalidOperationException("The model cannot be written as CSDL: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
            }
        }

        return builder.ToString();
    }

    /// <summary>The entity set of a model by name.</summary>
    /// <param name="model">The model.</param>
    /// <param name="name">The entity set name.</param>
    /// <returns>The entity set, or <see langword="null"/>.</returns>
    public static IEdmEntitySet? EntitySet(IEdmModel model, string name)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.EntityContainer?.FindEntitySet(name);
    }

    internal static JsonDocument ParseJson(string text) => JsonDocument.Parse(text);
}
