namespace Connectors.Testing;

/// <summary>
/// Finds the platforms' published contracts (schemas, documented payloads, recorded traffic) that tests check
/// requests and parsing against. They live in <c>shared/contracts</c> beside the repository; the environment
/// variable <c>CONNECTORS_CONTRACTS</c> overrides the location.
/// </summary>
public static class ContractFiles
{
    private static readonly Lazy<string?> RootPath = new(Locate);

    /// <summary>The contracts folder, or <see langword="null"/> when it cannot be found.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The full path of a contract file, for example <c>shopify/2026-01.schema.graphql</c>.</summary>
    /// <param name="relativePath">The path below the contracts folder, with forward slashes.</param>
    /// <returns>The full path.</returns>
    /// <exception cref="FileNotFoundException">The contracts folder or the file is missing.</exception>
    public static string PathOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var root = Root ?? throw new FileNotFoundException(
            "The shared contracts folder was not found beside the repository (shared/contracts); set CONNECTORS_CONTRACTS to its path.");
        var path = Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"Contract file '{relativePath}' is not in {root}.", path);
    }

    /// <summary>Reads a contract file as text.</summary>
    /// <param name="relativePath">The path below the contracts folder.</param>
    /// <returns>The text.</returns>
    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("CONNECTORS_CONTRACTS");
        if (!string.IsNullOrEmpty(configured) && Directory.Exists(configured))
        {
            return configured;
        }

        // Walk up from the test binaries: <repo>/tests/X/bin/... -> <repo>/.. holds shared/contracts.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contracts");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
