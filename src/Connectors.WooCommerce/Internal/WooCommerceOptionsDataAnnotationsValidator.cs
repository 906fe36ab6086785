using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Internal;

/// <summary>The DataAnnotations rules of <see cref="WooCommerceOptions"/>, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class WooCommerceOptionsDataAnnotationsValidator : IValidateOptions<WooCommerceOptions>
{
}
