using Microsoft.Extensions.Options;

namespace Connectors.DependencyInjection;

/// <summary>Cross-field rules of <see cref="ConnectorsOptions"/> and the uniqueness of channel names.</summary>
internal sealed class ConnectorsOptionsValidator(IEnumerable<ChannelRegistration> registrations) : IValidateOptions<ConnectorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckRange(failures, "Connectors:LeaseDuration", options.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        CheckRange(failures, "Connectors:RetryBaseDelay", options.RetryBaseDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        CheckRange(failures, "Connectors:RetryMaxDelay", options.RetryMaxDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        CheckRange(failures, "Connectors:Retention", options.Retention, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        CheckRange(failures, "Connectors:Orders:PollOverlap", options.Orders.PollOverlap, TimeSpan.Zero, TimeSpan.FromDays(1));
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add(
                $"Connectors:RetryMaxDelay ({options.RetryMaxDelay}) must not be below Connectors:RetryBaseDelay ({options.RetryBaseDelay}).");
        }

        foreach (var duplicate in registrations.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            failures.Add(
                $"Channel name '{duplicate.Key}' is registered {duplicate.Count()} times ({string.Join(", ", duplicate.Select(r => r.Platform))}); every channel instance needs its own name.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>TimeSpan ranges are checked here rather than by [Range(typeof(TimeSpan))], which needs reflection and is not trimming-safe.</summary>
    internal static void CheckRange(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} is {value} but must be between {min} and {max}.");
        }
    }
}
