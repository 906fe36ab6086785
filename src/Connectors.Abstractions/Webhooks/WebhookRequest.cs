namespace Connectors;

/// <summary>A raw webhook delivery as received, before verification: headers and the exact body bytes.</summary>
/// <param name="Channel">The channel instance the endpoint belongs to.</param>
/// <param name="Headers">Request headers; look-ups must ignore case.</param>
/// <param name="Body">The raw body; signatures are computed over these exact bytes.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="ContentType">The Content-Type header, if any.</param>
public sealed record WebhookRequest(
    string Channel,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt,
    string? ContentType = null)
{
    /// <summary>Reads a header ignoring case.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetHeader(string name)
    {
        if (Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in Headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
