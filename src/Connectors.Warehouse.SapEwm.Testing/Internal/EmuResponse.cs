using System.Text;

namespace Connectors.Testing.SapEwm.Internal;

/// <summary>An answer the emulator built before sending it, so that a fault can cut or drop it.</summary>
internal sealed class EmuResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/json; charset=utf-8";

    public byte[] Body { get; init; } = [];

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static EmuResponse Text(int status, string text, string contentType = "text/plain; charset=utf-8") =>
        new() { Status = status, ContentType = contentType, Body = Encoding.UTF8.GetBytes(text) };

    public static EmuResponse NoContent() => new() { Status = 204, ContentType = string.Empty };
}
