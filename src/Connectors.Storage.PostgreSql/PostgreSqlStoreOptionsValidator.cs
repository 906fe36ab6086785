using Microsoft.Extensions.Options;
using Npgsql;

namespace Connectors.Storage.PostgreSql;

/// <summary>Checks that the connection string parses and names a host and a database, with messages naming the setting.</summary>
internal sealed class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Connectors:PostgreSql:ConnectionString is empty; give an Npgsql connection string such as 'Host=127.0.0.1;Database=connectors;Username=app;Password=...'.");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add("Connectors:PostgreSql:ConnectionString names no Host.");
                }

                if (string.IsNullOrWhiteSpace(builder.Database))
                {
                    failures.Add("Connectors:PostgreSql:ConnectionString names no Database.");
                }
            }
            catch (ArgumentException e)
            {
                // The message of a parse failure names the keyword, never the password.
                failures.Add($"Connectors:PostgreSql:ConnectionString does not parse: {e.Message}");
            }
        }

        if (!IsIdentifier(options.Schema))
        {
            failures.Add($"Connectors:PostgreSql:Schema is '{options.Schema}' but must be letters, digits and underscores, starting with a letter, at most 63 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsIdentifier(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 63 && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
