using Npgsql;

namespace Connectors.Storage.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>CONNECTORS_POSTGRES</c>, or the one `.ci/services` starts on loopback.
/// Each store gets its own schema, so tests never see each other's rows.
/// </summary>
internal static class PostgreSqlTestServer
{
    public static readonly string ConnectionString =
        Environment.GetEnvironmentVariable("CONNECTORS_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=connectors_test;Username=postgres;Password=postgres;Timeout=5";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string NewSchema() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static PostgreSqlSyncStateStore CreateStore(string schema) =>
        new(new PostgreSqlStoreOptions { ConnectionString = ConnectionString, Schema = schema });

    /// <summary>Skips the test when no server is reachable, unless running in CI, where that is a failure.</summary>
    public static void RequireServer()
    {
        if (Unavailable.Value is { } reason)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, $"CI is set but PostgreSQL is unreachable: {reason}");
            Assert.Skip($"PostgreSQL is not reachable ({reason}); run .ci/services or set CONNECTORS_POSTGRES.");
        }
    }

    private static string? Probe()
    {
        try
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return null;
        }
        catch (NpgsqlException e)
        {
            return e.Message;
        }
        catch (TimeoutException e)
        {
            return e.Message;
        }
    }
}
