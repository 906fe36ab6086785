using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Internal;

/// <summary>Validates every channel profile at start; each failure names the rule and the configuration path.</summary>
internal sealed class MappingOptionsValidator(MappingConfigurationRoot root) : IValidateOptions<MappingOptions>
{
    public ValidateOptionsResult Validate(string? name, MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Collect(options, root.Path);
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
