namespace Connectors;

/// <summary>The outcome of a listing action on one listing.</summary>
public sealed record ListingActionResult
{
    /// <summary>The listing's <see cref="ChannelListing.ChannelItemId"/>.</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>Applied, rejected for good, or to retry at the next run.</summary>
    public required PushOutcome Outcome { get; init; }

    /// <summary>Why it was rejected or must be retried, in the platform's words where possible.</summary>
    public string? Reason { get; init; }

    /// <summary>An applied result.</summary>
    /// <param name="channelItemId">The listing's item id.</param>
    /// <returns>The result.</returns>
    public static ListingActionResult Applied(string channelItemId) => new() { ChannelItemId = channelItemId, Outcome = PushOutcome.Applied };

    /// <summary>A rejected result.</summary>
    /// <param name="channelItemId">The listing's item id.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static ListingActionResult Rejected(string channelItemId, string reason) =>
        new() { ChannelItemId = channelItemId, Outcome = PushOutcome.Rejected, Reason = reason };
}
