namespace Connectors.Shopify.Internal.Json;

/// <summary>A variant's product: its GID and <c>ProductStatus</c> (<c>ACTIVE</c>, <c>ARCHIVED</c>, <c>DRAFT</c>, <c>UNLISTED</c> from 2025-10).</summary>
internal sealed record ProductRef(string Id, string? Status = null);
