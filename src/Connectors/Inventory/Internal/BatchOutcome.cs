namespace Connectors.Inventory.Internal;

/// <summary>Counts of one or more pushed batches.</summary>
internal struct BatchOutcome
{
    public int Batches;
    public int Applied;
    public int Rejected;
    public int Rescheduled;
    public int DeadLettered;

    public static BatchOutcome operator +(BatchOutcome left, BatchOutcome right) => new()
    {
        Batches = left.Batches + right.Batches,
        Applied = left.Applied + right.Applied,
        Rejected = left.Rejected + right.Rejected,
        Rescheduled = left.Rescheduled + right.Rescheduled,
        DeadLettered = left.DeadLettered + right.DeadLettered,
    };
}
