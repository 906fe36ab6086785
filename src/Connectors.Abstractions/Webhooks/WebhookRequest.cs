namespace Connectors;

/// <summary>A raw webhook delivery as received, before verification: headers and the exact body bytes.</summary>
public sealed record WebhookRequest
{
    /// <summary>The channel instance the endpoint belongs to.</summary>
    public required string Channel { get; init; }

    /// <summary>Request headers; look-ups must ignore case.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The raw body; signatures are computed over these exact bytes.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>When it arrived.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The Content-Type header, if any.</summary>
    public string? ContentType { get; init; }

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
