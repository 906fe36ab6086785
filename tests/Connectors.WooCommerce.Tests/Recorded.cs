using System.Text;

namespace Connectors.WooCommerce.Tests;

/// <summary>Reads the recorded WooCommerce traffic (copied unchanged from ../shared/contracts/woocommerce/recorded).</summary>
internal static class Recorded
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Contracts", "recorded");

    public static string Text(string file) => File.ReadAllText(Path.Combine(Dir, file), Encoding.UTF8);

    public static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Dir, file));

    /// <summary>Reads a <c>.headers.txt</c> file: the status line, then <c>Name: value</c> lines.</summary>
    public static (int Status, Dictionary<string, string> Headers) Headers(string file)
    {
        var lines = Text(file).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var status = lines[0].StartsWith("HTTP/", StringComparison.Ordinal) ? int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return (status, headers);
    }

    /// <summary>A webhook request as the listener received it.</summary>
    public static WebhookRequest Webhook(string name, string bodyExtension = "body.json")
    {
        var (_, headers) = Headers($"{name}.headers.txt");
        var body = Bytes($"{name}.{bodyExtension}");
        headers.TryGetValue("Content-Type", out var contentType);
        return new WebhookRequest
        {
            Channel = "shop-b",
            Headers = headers,
            Body = body,
            ReceivedAt = new DateTimeOffset(2026, 11, 27, 2, 32, 0, TimeSpan.Zero),
            ContentType = contentType,
        };
    }
}
