namespace Connectors.Mapping.Profiles;

/// <summary>
/// Matching of a channel's catalogue items to WMS SKUs by SKU. Both sides are normalised (whitespace, prefixes,
/// case) before they are compared; two channel items claiming one SKU, or an item with no match, are reported,
/// never guessed.
/// </summary>
public sealed class AutoMatchOptions
{
    /// <summary>Whether catalogue items without an explicit mapping are matched by SKU.</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool Enabled { get; set; }

    /// <summary>Whether SKUs compare without case.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool IgnoreCase { get; set; } = true;

    /// <summary>Whether all whitespace is removed (not only leading and trailing, which always is).</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool RemoveWhitespace { get; set; } = true;

    /// <summary>Prefixes removed from a channel SKU before matching (for example <c>WOO-</c>); the first that matches is removed, without case.</summary>
    public IList<string> StripPrefixes { get; } = new List<string>();
}
