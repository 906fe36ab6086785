using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>The DataAnnotations rules of <see cref="SapEwmOptions"/>, checked by generated code.</summary>
[OptionsValidator]
internal sealed partial class SapEwmOptionsDataAnnotationsValidator : IValidateOptions<SapEwmOptions>
{
}
