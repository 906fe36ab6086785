using Microsoft.Extensions.Options;

namespace Connectors.DependencyInjection;

/// <summary>The DataAnnotations rules of <see cref="ConnectorsOptions"/>, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class ConnectorsOptionsDataAnnotationsValidator : IValidateOptions<ConnectorsOptions>
{
}
