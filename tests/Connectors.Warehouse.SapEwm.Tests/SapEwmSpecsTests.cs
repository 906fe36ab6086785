using Connectors.Testing;
using Microsoft.OData.Edm;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>The specifications the emulator and the request checks rely on are read as SAP published them.</summary>
public sealed class SapEwmSpecsTests
{
    [Fact]
    public void AvailableStock_EdmxReadWithCsdlReader_HasTheFieldsTheAdapterSelects()
    {
        var set = SapEwmSpecs.EntitySet(SapEwmSpecs.AvailableStock, "WarehouseAvailableStock");

        Assert.NotNull(set);
        Assert.Equal(15, set.EntityType.Key().Count());
        Assert.Equal(EdmPrimitiveTypeKind.Decimal, set.EntityType.FindProperty("AvailableEWMStockQty")!.Type.PrimitiveKind());
        foreach (var name in new[] { "EWMWarehouse", "Product", "Batch", "EWMStockType", "EWMStockQuantityBaseUnit" })
        {
            Assert.NotNull(set.EntityType.FindProperty(name));
        }
    }

    [Fact]
    public void OutboundDeliveryOrder_FromOpenApi_HasNoCreateAndTheDocumentedActions()
    {
        var model = SapEwmSpecs.OutboundDeliveryOrder;
        var actions = model.SchemaElements.OfType<IEdmAction>().Select(a => a.Name).ToHashSet();

        Assert.Contains("AdjustDeliveryItemQuantity", actions);
        Assert.Contains("PostGoodsIssue", actions);
        Assert.DoesNotContain(actions, a => a.Contains("Cancel", StringComparison.Ordinal) || a.Contains("Create", StringComparison.Ordinal));
        var head = SapEwmSpecs.EntitySet(model, "WhseOutboundDeliveryOrderHead")!.EntityType;
        Assert.Equal(["EWMOutboundDeliveryOrder"], head.Key().Select(k => k.Name));
        Assert.Equal(EdmPrimitiveTypeKind.DateTimeOffset, head.FindProperty("EWMDelivLastChangeUTCDateTime")!.Type.PrimitiveKind());
        Assert.IsAssignableFrom<IEdmNavigationProperty>(head.FindProperty("_WhseOutbDeliveryOrderItem"));
        Assert.Null(head.FindProperty("TrackingNumber")); // no field reserved for a parcel tracking number
    }

    [Fact]
    public void SalesOrder_FromOpenApi_KeysAndDeepInsertNavigations()
    {
        var model = SapEwmSpecs.SalesOrder;
        var item = SapEwmSpecs.EntitySet(model, "A_SalesOrderItem")!.EntityType;
        var header = SapEwmSpecs.EntitySet(model, "A_SalesOrder")!.EntityType;

        Assert.Equal(["SalesOrder", "SalesOrderItem"], item.Key().Select(k => k.Name));
        Assert.IsAssignableFrom<IEdmNavigationProperty>(header.FindProperty("to_Item"));
        Assert.IsAssignableFrom<IEdmNavigationProperty>(header.FindProperty("to_Partner"));
        Assert.Equal(35, header.FindProperty("PurchaseOrderByCustomer")!.Type.AsString().MaxLength);
    }

    [Fact]
    public void CustomerReturn_FromOpenApiWithV2ResultsWrapper_HasItemNavigation()
    {
        var header = SapEwmSpecs.EntitySet(SapEwmSpecs.CustomerReturn, "A_CustomerReturn")!.EntityType;

        var items = Assert.IsAssignableFrom<IEdmNavigationProperty>(header.FindProperty("to_Item"));
        Assert.Equal("A_CustomerReturnItemType", items.ToEntityType().Name);
        Assert.True(items.Type.IsCollection());
    }

    [Fact]
    public void SalesOrderEdmx_IsODataV2_WhichCsdlReaderDoesNotRead()
    {
        // Why the V2 services are modelled from SAP's OpenAPI files: Microsoft.OData.Edm reads CSDL 4.0/4.01 only.
        Assert.ThrowsAny<Exception>(() => SapEwmSpecs.ReadEdmx("sap-ewm/sales-order.edmx"));
    }
}

public sealed class SpecValidatorTests
{
    private static SapEwmEmulatorRequest Request(string method, string resource, string body = "", string path = SapEwmEmulator.SalesOrderServicePath) => new()
    {
        Method = method,
        Path = path + resource,
        Query = string.Empty,
        Body = body,
        Headers = new Dictionary<string, string>(),
    };

    [Fact]
    public void Validate_DeepInsertWithReadOnlyFieldAndNumericDecimal_Flagged()
    {
        var problems = SpecValidator.Validate(Request(
            "POST",
            "A_SalesOrder",
            """{"SalesOrderType":"OR","OverallSDProcessStatus":"A","to_Item":[{"Material":"TG11","RequestedQuantity":2}]}""")).ToList();

        Assert.Contains(problems, p => p.Contains("/OverallSDProcessStatus is not in the request schema", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RequestedQuantity is an Edm.Decimal, which OData V2 writes as a JSON string", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CreateOnDeliveryOrders_FlaggedAsNoOperation()
    {
        var problems = SpecValidator.Validate(Request("POST", "WhseOutboundDeliveryOrderHead", "{}", SapEwmEmulator.DeliveryServicePath)).ToList();

        Assert.Contains(problems, p => p.Contains("no POST operation", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownActionAndFilterTypeMismatch_Flagged()
    {
        Assert.NotEmpty(SpecValidator.Validate(Request("POST", "WhseOutboundDeliveryOrderItem/1/10/SAP__self.CancelDelivery", "{}", SapEwmEmulator.DeliveryServicePath)));
        var filter = Request("GET", "WhseOutboundDeliveryOrderHead", path: SapEwmEmulator.DeliveryServicePath) with { Query = "?$filter=EWMDelivLastChangeUTCDateTime%20ge%20'yesterday'" };
        Assert.NotEmpty(SpecValidator.Validate(filter));
    }
}
