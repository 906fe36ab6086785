namespace Connectors.Mapping.Internal;

/// <summary>A resolvable item and whether all its components are whole WMS units (then no order quantity can be fractional).</summary>
internal sealed record IndexedItem(ChannelItemDefinition Definition, bool WholeUnits);
