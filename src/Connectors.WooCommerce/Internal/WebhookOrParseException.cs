namespace Connectors.WooCommerce.Internal;

/// <summary>A payload that parsed as JSON but cannot become a canonical object; carries the JSON path. Callers rethrow it as their typed error.</summary>
internal sealed class WebhookOrParseException(string path, string message) : Exception(path + " " + message)
{
    public string Path { get; } = path;

    public string Reason { get; } = message;
}
