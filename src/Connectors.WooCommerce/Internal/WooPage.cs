namespace Connectors.WooCommerce.Internal;

/// <summary>One page of a list with WordPress's paging headers.</summary>
internal sealed record WooPage<T>(IReadOnlyList<T> Items, int? Total, int? TotalPages);
