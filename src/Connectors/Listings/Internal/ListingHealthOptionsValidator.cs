using System.Globalization;
using Microsoft.Extensions.Options;

namespace Connectors.Listings.Internal;

/// <summary>The rules of <see cref="ListingHealthOptions"/>, each failure naming the setting.</summary>
internal sealed class ListingHealthOptionsValidator : IValidateOptions<ListingHealthOptions>
{
    private const string Root = "Connectors:Listings";

    public ValidateOptionsResult Validate(string? name, ListingHealthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
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
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
