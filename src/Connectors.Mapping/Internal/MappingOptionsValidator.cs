using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Internal;

/// <summary>Validates every channel profile at start; each failure names the rule and the configuration path.</summary>
internal sealed class MappingOptionsValidator(MappingConfigurationRoot root, IEnumerable<ChannelRegistration> channels) : IValidateOptions<MappingOptions>
{
    public ValidateOptionsResult Validate(string? name, MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options, root.Path);
        var registered = channels.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var channel in options.Channels.Keys.Where(c => !registered.Contains(c)).Order(StringComparer.Ordinal))
        {
            var known = registered.Count == 0 ? "no channel is registered" : "registered channels: " + string.Join(", ", registered.Order(StringComparer.Ordinal));
            errors.Add(new ValidationError(
                $"{root.Path}:Channels:{channel}",
                $"is a profile for channel '{channel}', which is not registered ({known}); register it (AddShopify, AddWooCommerce, AddChannel) or correct the name."));
        }

        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => e.ToString()));
    }

    public static List<ValidationError> Collect(MappingOptions options, string root)
    {
        var errors = new List<ValidationError>();
        foreach (var (channel, profile) in options.Channels)
        {
            ProfileCompiler.Compile(channel, profile, root, errors);
        }

        return errors;
    }
}
