namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnApproveRequestInput(string Id, bool NotifyCustomer);

internal sealed record ReturnApproveRequestVariables(ReturnApproveRequestInput Input);

internal sealed record ReturnApproveRequestData(ReturnProcessPayload? ReturnApproveRequest);
