namespace Connectors.Samples.Tests;

/// <summary>
/// Tests that run the engine in process one after the other: the demo's summary reads the process-wide
/// <c>Connectors</c> meter, so items pushed by another test running at the same time would show up in its counts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedMeterCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Connectors meter";
}
