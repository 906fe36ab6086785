namespace Connectors.Shopify.Internal.Json;

/// <summary>Variables of an operation that takes none (serialised as <c>{}</c>).</summary>
internal sealed record EmptyVariables;
