using Microsoft.Data.Sqlite;

namespace Connectors.Storage.Sqlite.Tests;

/// <summary>A fresh temporary directory for database files, deleted (with pooled connections cleared) on dispose.</summary>
internal sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "connectors-sqlite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string NewDatabase(string name = "state") => System.IO.Path.Combine(Path, $"{name}-{Guid.NewGuid():N}.db");

    public static SqliteStoreOptions Options(string file) => new() { ConnectionString = $"Data Source={file}" };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still open on some platforms is left to the OS temp cleaner.
        }
    }
}
