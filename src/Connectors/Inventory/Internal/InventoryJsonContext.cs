using System.Text.Json.Serialization;

namespace Connectors.Inventory.Internal;

/// <summary>Source-generated JSON for the inventory flow's payloads.</summary>
[JsonSerializable(typeof(InventoryDeadLetterPayload))]
internal sealed partial class InventoryJsonContext : JsonSerializerContext;
