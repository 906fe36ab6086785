using Microsoft.Extensions.Logging;

namespace Connectors.Mapping.Internal;

/// <summary>The mapping package's log messages, source-generated. Event ids 6000-6099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information, Message = "Catalogue of channel {Channel} loaded: {Matched} matched, {Explicit} explicit, {Ambiguous} ambiguous, {Unmatched} unmatched")]
    public static partial void CatalogueLoaded(ILogger logger, string channel, int matched, int @explicit, int ambiguous, int unmatched);
}
