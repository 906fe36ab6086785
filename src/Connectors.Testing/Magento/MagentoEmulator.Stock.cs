using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;

namespace Connectors.Testing.Magento;

/// <summary>Legacy stock items (MSI disabled) and the asynchronous bulk API.</summary>
public sealed partial class MagentoEmulator
{
    private static Answer? RouteStock(string method, string path, string[] segments, List<KeyValuePair<string, string>> query, JsonNode? body) => null;
}
