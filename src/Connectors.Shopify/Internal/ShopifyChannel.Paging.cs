using System.Text.Json.Serialization.Metadata;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    /// <summary>
    /// The nodes of a connection, refusing a null node: the schema declares every node list non-null
    /// (<c>[T!]!</c>), so a null one is a malformed answer, raised as the same transient error as any other
    /// malformed response rather than a <see cref="NullReferenceException"/> (found by the response fuzz test).
    /// </summary>
    /// <param name="nodes">The connection's nodes as read.</param>
    /// <param name="operation">The query, for the error.</param>
    private static IEnumerable<TNode> NonNullNodes<TNode>(IEnumerable<TNode?>? nodes, string operation)
        where TNode : class
    {
        foreach (var node in nodes ?? [])
        {
            yield return node ?? throw new ShopifyGraphQLException(operation, "a node of a connection is null, which the schema does not allow.", null, null, null, isTransient: true);
        }
    }

    /// <summary>
    /// Every node of a connection whose first page came with a parent query: that page, then the rest read with
    /// <paramref name="operation"/> at the page size the cost bucket affords (recomputed for every page), until the last page.
    /// </summary>
    /// <param name="firstPage">The page the parent query selected.</param>
    /// <param name="operation">The query that reads one further page of the connection.</param>
    /// <param name="owner">What owns the connection, for the error when a page is missing.</param>
    /// <param name="variables">The query's variables for a page size and a cursor.</param>
    /// <param name="variablesType">Their JSON type.</param>
    /// <param name="responseType">The query's response type.</param>
    /// <param name="page">The connection in a response.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    private async ValueTask<IReadOnlyList<TNode>> AllNodesAsync<TVariables, TData, TNode>(
        Connection<TNode>? firstPage,
        string operation,
        string owner,
        Func<int, string?, TVariables> variables,
        JsonTypeInfo<TVariables> variablesType,
        JsonTypeInfo<GraphResponse<TData>> responseType,
        Func<TData, Connection<TNode>?> page,
        CancellationToken cancellationToken)
        where TData : class
    {
        var first = firstPage?.Nodes ?? [];
        if (firstPage?.PageInfo is not { HasNextPage: true, EndCursor: { } cursor })
        {
            return first;
        }

        var all = new List<TNode>(first);
        string? after = cursor;
        while (after is not null)
        {
            var current = after;
            var (data, _) = await _client.SendPageAsync(operation, n => variables(n, current), variablesType, responseType, 250, cancellationToken).ConfigureAwait(false);
            var next = page(data) ?? throw new ShopifyGraphQLException(operation, $"{owner} returned no line items.", null, null, null, isTransient: true);
            all.AddRange(next.Nodes ?? []);
            after = next.PageInfo is { HasNextPage: true } info ? info.EndCursor : null;
        }

        return all;
    }
}
