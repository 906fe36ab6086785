namespace Connectors.Testing.WooCommerce;

/// <summary>A request the <see cref="WooCommerceEmulator"/> received, kept while <see cref="WooCommerceEmulator.RecordRequests"/> is on.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below the REST base (for example <c>products/batch</c>), without the query.</param>
/// <param name="Body">The request body as text (empty for none).</param>
public sealed record WooCommerceEmulatorRequest(string Method, string Path, string Body);
