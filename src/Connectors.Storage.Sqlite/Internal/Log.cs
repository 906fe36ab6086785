using Microsoft.Extensions.Logging;

namespace Connectors.Storage.Sqlite.Internal;

/// <summary>The SQLite store's log messages, source-generated. Event ids 6000-6099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Opened SQLite state store {DataSource} at schema version {SchemaVersion}")]
    public static partial void Opened(ILogger logger, string dataSource, int schemaVersion);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Migrated SQLite state store {DataSource} from schema version {FromVersion} to {ToVersion}")]
    public static partial void Migrated(ILogger logger, string dataSource, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Pruned {Count} entries older than {OlderThan} from SQLite state store {DataSource}")]
    public static partial void Pruned(ILogger logger, long count, DateTimeOffset olderThan, string dataSource);
}
