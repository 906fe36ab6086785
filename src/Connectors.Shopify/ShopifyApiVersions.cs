namespace Connectors.Shopify;

/// <summary>The Admin API versions this package is built and tested against.</summary>
public static class ShopifyApiVersions
{
    /// <summary>API version 2026-01: <c>changeFromQuantity</c> on inventory inputs; <c>@idempotent</c> optional.</summary>
    public const string V202601 = "2026-01";

    /// <summary>API version 2026-04: <c>@idempotent</c> required on inventory mutations.</summary>
    public const string V202604 = "2026-04";

    /// <summary>The default version.</summary>
    public const string Default = V202601;

    /// <summary>Every accepted version.</summary>
    public static IReadOnlyList<string> Supported { get; } = [V202601, V202604];
}
