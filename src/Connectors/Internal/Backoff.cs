namespace Connectors.Internal;

/// <summary>Exponential backoff with full jitter, capped, honouring a platform's Retry-After when it is longer.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? retryAfter = null, double? jitter = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));

        // Half fixed, half random: spreads retries of many items without ever retrying at once.
        var fraction = jitter ?? Random.Shared.NextDouble();
        var delay = TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * fraction));
        return retryAfter is { } after && after > delay ? after : delay;
    }
}
