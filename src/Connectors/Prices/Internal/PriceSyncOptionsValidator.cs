using System.Globalization;
using Connectors.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Prices.Internal;

/// <summary>Checks <see cref="PriceSyncOptions"/> at start: decimal ranges and channel names, each failure naming the setting.</summary>
internal sealed class PriceSyncOptionsValidator(IEnumerable<ChannelRegistration> registrations) : IValidateOptions<ConnectorsOptions>
{
    private const string Prefix = "Connectors:Prices";

    public ValidateOptionsResult Validate(string? name, ConnectorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Prices is not { } prices)
        {
            return ValidateOptionsResult.Fail($"{Prefix} must not be null.");
        }

        var failures = new List<string>();
        Check(failures, $"{Prefix}:MaxChangePercent", prices.MaxChangePercent);
        var names = registrations.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (channel, percent) in prices.MaxChangePercentByChannel)
        {
            Check(failures, $"{Prefix}:MaxChangePercentByChannel:{channel}", percent);
            if (!names.Contains(channel))
            {
                failures.Add($"{Prefix}:MaxChangePercentByChannel:{channel} names a channel that is not registered ({(names.Count == 0 ? "none are" : "registered: " + string.Join(", ", names.Order(StringComparer.Ordinal)))}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string path, decimal value)
    {
        if (value is <= 0m or > 10_000m)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{path} is {value}; it must be greater than 0 and at most 10000 (percent of the price the channel shows)."));
        }
    }
}
