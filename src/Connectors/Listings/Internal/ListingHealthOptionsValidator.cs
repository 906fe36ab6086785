using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connectors.Listings.Internal;

/// <summary>The rules of <see cref="ListingHealthOptions"/>, each failure naming the setting.</summary>
internal sealed class ListingHealthOptionsValidator(IEnumerable<ChannelRegistration> registrations) : IValidateOptions<ListingHealthOptions>
{
    private const string Root = "Connectors:Listings";

    public ValidateOptionsResult Validate(string? name, ListingHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(registrations.Select(r => r.Name), StringComparer.OrdinalIgnoreCase);
        if (options.ActionBatchSize is < 1 or > 1000)
        {
            failures.Add($"{Root}:ActionBatchSize is {options.ActionBatchSize.ToString(CultureInfo.InvariantCulture)} but must be from 1 to 1000.");
        }

        foreach (var (channel, actions) in options.Channels)
        {
            if (string.IsNullOrWhiteSpace(channel))
            {
                failures.Add($"{Root}:Channels has an entry without a channel name.");
            }
            else if (actions is null)
            {
                failures.Add($"{Root}:Channels:{channel} is empty.");
            }
            else if (!names.Contains(channel))
            {
                var known = names.Count == 0 ? "none are registered" : "registered: " + string.Join(", ", names);
                failures.Add($"{Root}:Channels:{channel} names no registered channel ({known}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
