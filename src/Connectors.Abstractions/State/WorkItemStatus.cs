namespace Connectors;

/// <summary>Where a work item stands.</summary>
public enum WorkItemStatus
{
    /// <summary>Waiting (or claimed and being processed).</summary>
    Pending = 0,

    /// <summary>Done; kept until pruned so a duplicate is still recognised.</summary>
    Completed,

    /// <summary>Moved to the dead letters.</summary>
    DeadLettered,
}
