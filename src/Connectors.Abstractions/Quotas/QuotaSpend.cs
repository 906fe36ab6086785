namespace Connectors;

/// <summary>A request to spend calls from a channel's daily call budget (see <see cref="IQuotaStore.SpendCallsAsync"/>).</summary>
public sealed class QuotaSpend
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The start of the daily window the budget belongs to; each window has its own count.</summary>
    public required DateTimeOffset WindowStart { get; init; }

    /// <summary>The budget of the window: the count never goes above it.</summary>
    public required int Limit { get; init; }

    /// <summary>The calls wanted; greater than zero.</summary>
    public required int Amount { get; init; }
}
