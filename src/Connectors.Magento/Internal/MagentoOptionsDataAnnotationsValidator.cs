using Microsoft.Extensions.Options;

namespace Connectors.Magento.Internal;

/// <summary>The DataAnnotations rules of <see cref="MagentoOptions"/>, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class MagentoOptionsDataAnnotationsValidator : IValidateOptions<MagentoOptions>
{
}
