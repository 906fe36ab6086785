namespace Connectors.Testing.SapEwm;

/// <summary>A request the <see cref="SapEwmEmulator"/> received, for tests that check what a client sent.</summary>
public sealed record SapEwmEmulatorRequest
{
    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, URL-decoded.</summary>
    public required string Path { get; init; }

    /// <summary>The raw query string, with its leading <c>?</c>, or empty.</summary>
    public required string Query { get; init; }

    /// <summary>The body as text, or empty.</summary>
    public required string Body { get; init; }

    /// <summary>The request headers the emulator looks at (<c>x-csrf-token</c>, <c>If-Match</c>, <c>Prefer</c>, <c>Accept</c>, <c>Content-Type</c>, <c>Authorization</c> scheme).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The status the emulator answered.</summary>
    public int Status { get; internal set; }
}
