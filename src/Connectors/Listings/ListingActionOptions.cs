namespace Connectors;

/// <summary>
/// The listing actions one channel opted into. Every action is off by default: the listing report changes nothing
/// on a channel until the host says so.
/// </summary>
public sealed class ListingActionOptions
{
    /// <summary>
    /// Shows zero for every listing of a discontinued item, through the inventory flow (always safe: nothing is
    /// unpublished, and the zero holds against later WMS stock changes while the engine runs; see
    /// <c>docs/listings.md</c>). Needs the channel to be an <see cref="IInventoryChannel"/>.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ZeroDiscontinued { get; set; }

    /// <summary>Takes active listings of discontinued items down (<see cref="IListingActionChannel.DeactivateListingsAsync"/>).</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool DeactivateDiscontinued { get; set; }

    /// <summary>
    /// Puts sold-out listings back up when the WMS has stock of every item they are made of again
    /// (<see cref="IListingActionChannel.ReactivateListingsAsync"/>). Separate from the other two because on some
    /// platforms it costs money (Etsy charges the listing fee to renew a sold-out listing). Listings a person made
    /// inactive or left in draft are never touched.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ReactivateWhenStocked { get; set; }
}
