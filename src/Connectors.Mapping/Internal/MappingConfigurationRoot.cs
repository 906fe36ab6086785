namespace Connectors.Mapping.Internal;

/// <summary>The configuration path the options were bound from (<c>Mapping</c> by default), so errors name full paths.</summary>
internal sealed record MappingConfigurationRoot(string Path);
