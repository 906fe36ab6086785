using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Connectors;

/// <summary>
/// Binds an options section so that a setting the options do not have (a misspelt or misplaced key) or a value that
/// cannot be read fails with a <see cref="ConnectorValidationException"/> naming the full configuration path, instead of
/// leaving the default in place. Every front door's <c>IConfigurationSection</c> overload binds through it.
/// </summary>
/// <example>
/// <code>
/// services.AddOptions&lt;MyOptions&gt;(name).Configure(o =&gt;
///     StrictConfiguration.Bind(section, s =&gt; s.Bind(o, b =&gt; b.ErrorOnUnknownConfiguration = true)));
/// </code>
/// </example>
public static class StrictConfiguration
{
    private const string UnknownMarker = "'ErrorOnUnknownConfiguration'";

    /// <summary>
    /// Runs <paramref name="bind"/> over a view of <paramref name="section"/> that remembers which section the binder read
    /// last, and turns the binder's failures into a <see cref="ConnectorValidationException"/> whose field path is the
    /// configuration path of the offending key (for example <c>Mapping:Channels:shop-b:Items:0:QuantityPerUnt</c>).
    /// </summary>
    /// <param name="section">The section (or configuration root) holding the options.</param>
    /// <param name="bind">Binds the view it is given; must set <c>BinderOptions.ErrorOnUnknownConfiguration</c>.</param>
    /// <exception cref="ConnectorValidationException">A key is unknown or a value cannot be converted.</exception>
    public static void Bind(IConfiguration section, Action<IConfiguration> bind)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(bind);
        var tracker = new Tracker();
        try
        {
            bind(new TrackingSection(section, tracker));
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith(UnknownMarker, StringComparison.Ordinal) && tracker.LastRead is not null)
        {
            // The binder checks a section's keys right after listing its children and throws before reading any other.
            var parent = tracker.LastRead;
            var errors = UnknownKeys(ex.Message)
                .Select(key => new ValidationError(
                    PathOf(parent) is { Length: > 0 } parentPath ? ConfigurationPath.Combine(parentPath, key) : key,
                    string.Create(CultureInfo.InvariantCulture, $"is not a setting of {Quoted(ex.Message, "instance of ", ':') ?? "this section"}: check its spelling and where it sits (a misspelt setting would silently keep its default).")))
                .ToList();
            if (errors.Count == 0)
            {
                errors.Add(new ValidationError(PathOf(parent), ex.Message));
            }

            throw new ConnectorValidationException(errors, ex);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            var path = Quoted(ex.Message, "at '", '\'') ?? PathOf(section);
            throw new ConnectorValidationException([new ValidationError(path, "cannot be read: " + ex.Message + (ex.InnerException is null ? string.Empty : " " + ex.InnerException.Message))], ex);
        }
    }

    private static string PathOf(IConfiguration configuration) => configuration is IConfigurationSection section ? section.Path : string.Empty;

    private static IEnumerable<string> UnknownKeys(string message)
    {
        // "... were not found on the instance of T: 'a', 'b'"
        var colon = message.LastIndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            yield break;
        }

        foreach (var part in message[(colon + 2)..].Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Trim().Trim('\'');
            if (key.Length > 0)
            {
                yield return key;
            }
        }
    }

    private static string? Quoted(string message, string prefix, char terminator)
    {
        var start = message.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += prefix.Length;
        var end = message.IndexOf(terminator, start);
        return end < 0 ? null : message[start..end];
    }

    private sealed class Tracker
    {
        public IConfiguration? LastRead { get; set; }
    }

    /// <summary>A section (or, for a root, a section with an empty path) that records which one the binder listed last.</summary>
    private sealed class TrackingSection(IConfiguration inner, Tracker tracker) : IConfigurationSection
    {
        public string? this[string key]
        {
            get => inner[key];
            set => inner[key] = value;
        }

        public string Key => (inner as IConfigurationSection)?.Key ?? string.Empty;

        public string Path => PathOf(inner);

        public string? Value
        {
            get => (inner as IConfigurationSection)?.Value;
            set
            {
                if (inner is IConfigurationSection section)
                {
                    section.Value = value;
                }
            }
        }

        public IEnumerable<IConfigurationSection> GetChildren()
        {
            tracker.LastRead = inner;
            return inner.GetChildren().Select(child => (IConfigurationSection)new TrackingSection(child, tracker)).ToList();
        }

        public IChangeToken GetReloadToken() => inner.GetReloadToken();

        public IConfigurationSection GetSection(string key) => new TrackingSection(inner.GetSection(key), tracker);
    }
}
