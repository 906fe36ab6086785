using System.Globalization;
using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm;

public sealed partial class SapEwmWarehouse
{
    /// <summary>
    /// Announces a return as an S/4HANA customer return (deep insert into <c>API_CUSTOMER_RETURN_SRV</c>) with reference
    /// to the order's sales order where one carries the order's key, and carrying <c>{channel}:{returnId}</c> in
    /// <c>PurchaseOrderByCustomer</c> (a key over 35 characters continues in <c>AssignmentReference</c>, 53 together): a customer return that already carries it is returned instead of creating a second.
    /// The returns delivery and its receipt in EWM follow in SAP. With <see cref="SapEwmOptions.CreateCustomerReturns"/>
    /// <see langword="false"/> the return goes to the host's <see cref="ISapEwmReturnHandler"/> instead.
    /// </summary>
    /// <param name="expectedReturn">The expected return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted with the customer return number, or refused naming what SAP cannot hold.</returns>
    public async Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedReturn);
        var options = Options;
        if (!options.CreateCustomerReturns)
        {
            return _returnHandler is null
                ? WarehouseOrderResult.Refused($"CreateCustomerReturns is false and no {nameof(ISapEwmReturnHandler)} is registered to take the return")
                : await _returnHandler.ExpectReturnAsync(expectedReturn, cancellationToken).ConfigureAwait(false);
        }

        var reference = SalesOrderReference.For(expectedReturn.Channel, expectedReturn.ReturnId);
        if (reference.Length > SalesOrderReference.MaxReturnLength)
        {
            return WarehouseOrderResult.Refused($"the return reference '{reference}' is {reference.Length} characters; PurchaseOrderByCustomer and AssignmentReference of a customer return hold {SalesOrderReference.MaxReturnLength} together");
        }

        if (expectedReturn.Lines.Count == 0)
        {
            return WarehouseOrderResult.Refused("the return has no lines; SAP creates a customer return only with items");
        }

        var service = SapServices.CustomerReturns(options);
        var query = SapServices.CustomerReturnSet + "?$select=CustomerReturn,PurchaseOrderByCustomer,AssignmentReference&$filter="
            + ODataLiteral.Escape(SalesOrderReference.ReturnFilter(reference)) + "&$top=2";
        await foreach (var existing in _client.QueryV2Async(service, query, SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionCustomerReturnRead, cancellationToken).ConfigureAwait(false))
        {
            if (SalesOrderReference.ReadReturn(existing) == reference && existing.CustomerReturn is { Length: > 0 } number)
            {
                return WarehouseOrderResult.Accepted(number);
            }
        }

        var items = new List<CustomerReturnItemCreate>();
        for (var i = 0; i < expectedReturn.Lines.Count; i++)
        {
            var line = expectedReturn.Lines[i];
            if (line.Sku.Length > 40)
            {
                return WarehouseOrderResult.Refused($"Lines[{i}].Sku (Material) is {line.Sku.Length} characters; SAP holds 40");
            }

            items.Add(new CustomerReturnItemCreate
            {
                CustomerReturnItem = ((i + 1) * 10).ToString(CultureInfo.InvariantCulture),
                Material = line.Sku,
                RequestedQuantity = line.Quantity,
                RequestedQuantityUnit = options.QuantityUnit,
                ReturnReason = options.ReturnReason,
            });
        }

        var (byCustomer, assignment) = SalesOrderReference.ReturnFields(reference);
        var salesOrder = await FindSalesOrderAsync(SalesOrderReference.For(expectedReturn.Channel, expectedReturn.ChannelOrderId), cancellationToken).ConfigureAwait(false);
        var create = new CustomerReturnCreate
        {
            CustomerReturnType = options.CustomerReturnType,
            SalesOrganization = options.SalesOrganization!,
            DistributionChannel = options.DistributionChannel!,
            OrganizationDivision = options.OrganizationDivision!,
            SoldToParty = options.SoldToParty!,
            PurchaseOrderByCustomer = byCustomer,
            AssignmentReference = assignment,
            ReferenceSDDocument = salesOrder?.SalesOrder,
            Items = new ODataV2Results<CustomerReturnItemCreate> { Results = items },
        };
        var created = await _client.PostAsync(
            service, SapServices.CustomerReturnSet, create, SapJsonContext.Default.CustomerReturnCreate, SapJsonContext.Default.ODataV2EnvelopeCustomerReturnRead, cancellationToken).ConfigureAwait(false);
        return created.D?.CustomerReturn is { Length: > 0 } createdNumber
            ? WarehouseOrderResult.Accepted(createdNumber)
            : throw new ConnectorRequestFailedException(PlatformName, $"POST {SapServices.CustomerReturnSet} answered without the number of the created customer return", 201, "invalid_response", isTransient: false);
    }
}
