using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Internal;

/// <summary>
/// The DataAnnotations rules of <see cref="WooCommerceOptions"/>, checked by generated code, with the generated messages
/// ("BatchSize: The field shop-b.BatchSize must be …") put in the one style every WooCommerce and Shopify message uses:
/// <c>WooCommerce channel 'shop-b': BatchSize must be …</c>.
/// </summary>
internal sealed partial class WooCommerceOptionsDataAnnotationsValidator : IValidateOptions<WooCommerceOptions>
{
    private readonly WooCommerceOptionsGeneratedValidator _generated = new();

    public ValidateOptionsResult Validate(string? name, WooCommerceOptions options)
    {
        var result = _generated.Validate(name, options);
        if (!result.Failed)
        {
            return result;
        }

        return ValidateOptionsResult.Fail(result.Failures?.Select(f => Restyle(name, f)) ?? [result.FailureMessage]);
    }

    internal static string Restyle(string? name, string failure)
    {
        var prefix = WooCommerceOptionsValidator.Prefix(name);
        var match = GeneratedMessage().Match(failure);
        if (!match.Success)
        {
            return prefix + failure;
        }

        var member = match.Groups["member"].Value;
        var rest = match.Groups["rest"].Value;
        return match.Groups["required"].Success ? $"{prefix}{member} is required." : $"{prefix}{member} {rest}";
    }

    // "Member: The field name.Member must be …" or "Member: The name.Member field is required."
    [GeneratedRegex(@"^(?<member>[\w.]+): The (?:field \S+ (?<rest>.*)|\S+ field (?<required>is required)\.)$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedMessage();
}

/// <summary>The source-generated DataAnnotations check of <see cref="WooCommerceOptions"/> (its messages are restyled above).</summary>
[OptionsValidator]
internal sealed partial class WooCommerceOptionsGeneratedValidator : IValidateOptions<WooCommerceOptions>
{
}
