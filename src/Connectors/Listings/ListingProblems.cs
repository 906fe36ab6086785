namespace Connectors;

/// <summary>What the listing report found wrong with one entry; several can apply at once.</summary>
[Flags]
public enum ListingProblems
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The listing has no SKU, so nothing ties it to the warehouse unless a mapping names its item id.</summary>
    NoSku = 1,

    /// <summary>An earlier listing of the channel has the same SKU (compared ordinally); <see cref="ListingReportEntry.DuplicateOf"/> names it.</summary>
    DuplicateSku = 2,

    /// <summary>The listing has a SKU, but neither it nor the item's mapping names an item the WMS knows.</summary>
    UnknownSku = 4,

    /// <summary>A warehouse entry: the WMS has free stock of a current item, but the channel has no active listing of it.</summary>
    StockedNotListed = 8,

    /// <summary>The listing is active, and an item it is made of is discontinued in the WMS.</summary>
    DiscontinuedActive = 16,
}
