using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Internal;

/// <summary>The DataAnnotations rules of <see cref="ShopifyOptions"/>, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class ShopifyOptionsDataAnnotationsValidator : IValidateOptions<ShopifyOptions>
{
}
