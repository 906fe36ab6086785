namespace Connectors.Shopify.Internal;

internal static partial class GraphDocuments
{
    public const string ProductListingStatus = nameof(ProductListingStatus);
    public const string ProductStatusUpdate = nameof(ProductStatusUpdate);

    /// <summary>The listing actions' operations (part of <see cref="All"/>); a property, as static fields of partial files initialise in no set order.</summary>
    private static string[] ListingOperations => [ProductListingStatus, ProductStatusUpdate];
}
