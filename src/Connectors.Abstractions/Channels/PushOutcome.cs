namespace Connectors;

/// <summary>What happened to one item of a push.</summary>
public enum PushOutcome
{
    /// <summary>The channel now shows the pushed quantity.</summary>
    Applied = 0,

    /// <summary>The channel refused the item for good (unknown item, invalid value); it is dead-lettered.</summary>
    Rejected,

    /// <summary>A passing failure; push it again later.</summary>
    Retry,
}
