namespace Connectors.Shopify.Internal.Json;

internal sealed record SuggestedTransactionNode(PresentmentMoneyBag? AmountSet, NodeRef? ParentTransaction);
