using Connectors.Storage.Sqlite.Internal;

namespace Connectors.Storage.Sqlite.Tests.Internal;

public sealed class SqliteStoreOptionsValidatorTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Validate_FileInWritableDirectory_Succeeds()
    {
        var result = Validate($"Data Source={_directory.NewDatabase()}");

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoConnectionString_FailsNamingSetting(string connectionString)
    {
        var result = Validate(connectionString);

        Assert.True(result.Failed);
        Assert.Contains("Connectors:Sqlite:ConnectionString is required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    public void Validate_InMemoryDatabase_FailsBecauseNothingWouldSurvive(string connectionString)
    {
        var result = Validate(connectionString);

        Assert.True(result.Failed);
        Assert.Contains("in memory", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnparsableConnectionString_FailsNamingSetting()
    {
        var result = Validate("Data Source=x;Colour=blue");

        Assert.True(result.Failed);
        Assert.Contains("Connectors:Sqlite:ConnectionString is invalid", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingDirectory_FailsNamingDirectory()
    {
        var missing = Path.Combine(_directory.Path, "no-such-dir");

        var result = Validate($"Data Source={Path.Combine(missing, "state.db")}");

        Assert.True(result.Failed);
        Assert.Contains($"the directory '{missing}' does not exist", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnwritableDirectory_FailsNamingDirectory()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Uses /proc, a directory no process may create files in.");

        var result = Validate("Data Source=/proc/connectors-state.db");

        Assert.True(result.Failed);
        Assert.Contains("Data Source '/proc/connectors-state.db'", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("the directory '/proc' is not writable", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PasswordInConnectionString_IsNotEchoed()
    {
        var result = Validate($"Data Source={Path.Combine(_directory.Path, "missing", "x.db")};Password=hunter2");

        Assert.True(result.Failed);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BusyTimeoutOutOfRange_FailsNamingSetting()
    {
        var options = new SqliteStoreOptions { ConnectionString = $"Data Source={_directory.NewDatabase()}", BusyTimeout = TimeSpan.Zero };

        var result = new SqliteStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Connectors:Sqlite:BusyTimeout is 00:00:00", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(16_777_217)]
    public void Validate_InventoryJournalLimitOutOfRange_FailsNamingSetting(int limit)
    {
        var options = new SqliteStoreOptions { ConnectionString = $"Data Source={_directory.NewDatabase()}", InventoryJournalLimit = limit };

        var result = new SqliteStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Connectors:Sqlite:InventoryJournalLimit is {limit}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16_777_216)]
    public void Validate_InventoryJournalLimitAtBounds_Succeeds(int limit)
    {
        var options = new SqliteStoreOptions { ConnectionString = $"Data Source={_directory.NewDatabase()}", InventoryJournalLimit = limit };

        Assert.True(new SqliteStoreOptionsValidator().Validate(null, options).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string connectionString) =>
        new SqliteStoreOptionsValidator().Validate(null, new SqliteStoreOptions { ConnectionString = connectionString });
}
