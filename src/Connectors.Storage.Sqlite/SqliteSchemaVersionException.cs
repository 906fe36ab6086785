namespace Connectors.Storage.Sqlite;

/// <summary>
/// The database was written by a newer version of this package (its schema version is above the one this build
/// knows). The store refuses to open it and writes nothing to it; upgrade the package or point the store at
/// another file. Permanent.
/// </summary>
public sealed class SqliteSchemaVersionException : ConnectorException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="dataSource">The database file.</param>
    /// <param name="databaseVersion">The schema version found in the file.</param>
    /// <param name="supportedVersion">The newest schema version this build knows.</param>
    public SqliteSchemaVersionException(string dataSource, int databaseVersion, int supportedVersion)
        : base(
            $"The SQLite state store '{dataSource}' has schema version {databaseVersion}, but this version of Connectors.Storage.Sqlite supports up to {supportedVersion}. "
            + "It was written by a newer version; it was left untouched. Upgrade the package or use another file.",
            isTransient: false)
    {
        DataSource = dataSource;
        DatabaseVersion = databaseVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The database file.</summary>
    public string DataSource { get; }

    /// <summary>The schema version found in the file.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The newest schema version this build knows.</summary>
    public int SupportedVersion { get; }
}
