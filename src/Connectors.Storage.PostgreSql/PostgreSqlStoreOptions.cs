using System.ComponentModel.DataAnnotations;

namespace Connectors.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL state store.</summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The Npgsql connection string (for example <c>Host=127.0.0.1;Database=connectors;Username=app;Password=…</c>).</summary>
    /// <value>Required.</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The schema holding the store's tables; several independent deployments can share one database.</summary>
    /// <value>Default <c>connectors</c>; letters, digits and underscores, starting with a letter, at most 63 characters.</value>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "connectors";
}
