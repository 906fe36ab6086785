using Microsoft.Extensions.Options;

namespace Connectors.Samples.CustomConnector.Internal;

/// <summary>The DataAnnotations rules of <see cref="MarketStallOptions"/>, checked by generated code (trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class MarketStallOptionsValidator : IValidateOptions<MarketStallOptions>
{
}
