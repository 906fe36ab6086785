namespace Connectors;

/// <summary>What a reprice or a price dry run computed, per price channel.</summary>
public sealed record PriceSyncReport
{
    /// <summary>Whether nothing was stored.</summary>
    public bool DryRun { get; init; }

    /// <summary>One entry per price channel, in registration order.</summary>
    public IReadOnlyList<ChannelPriceReport> Channels { get; init; } = [];

    /// <summary>
    /// The earliest time at which a computed price changes by time alone (a sale starting or ending), when a reprice is
    /// due, or <see langword="null"/> when none is known.
    /// </summary>
    public DateTimeOffset? NextChangeAt { get; init; }
}

/// <summary>One channel's part of a <see cref="PriceSyncReport"/>.</summary>
public sealed record ChannelPriceReport
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>How many prices were computed.</summary>
    public int Computed { get; init; }

    /// <summary>The prices that differ from what the channel last acknowledged, ordered by item id then currency.</summary>
    public IReadOnlyList<PriceChange> Changes { get; init; } = [];

    /// <summary>Items that could not be priced, and why.</summary>
    public IReadOnlyList<PriceProblem> Problems { get; init; } = [];
}

/// <summary>A price that would change (dry run) or changed (reprice): from what, to what, and why.</summary>
public sealed record PriceChange
{
    /// <summary>The row.</summary>
    public required PriceKey Key { get; init; }

    /// <summary>The WMS SKU behind a single-component item, or <see langword="null"/> for a bundle.</summary>
    public string? Sku { get; init; }

    /// <summary>What the channel last acknowledged, or <see langword="null"/> when never pushed.</summary>
    public ChannelPrice? From { get; init; }

    /// <summary>The computed price.</summary>
    public required ChannelPrice To { get; init; }

    /// <summary>The pricing rules applied, in order, each with its effect.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>Why the change is (or would be) held for a person, or <see langword="null"/> when it is pushed.</summary>
    public string? HoldReason { get; init; }
}

/// <summary>An item that could not be priced.</summary>
public sealed record PriceProblem
{
    /// <summary>The channel's item id.</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Reason { get; init; }

    /// <summary>The rule or field concerned, or <see langword="null"/>.</summary>
    public string? Field { get; init; }
}
