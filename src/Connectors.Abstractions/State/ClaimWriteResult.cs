namespace Connectors;

/// <summary>What became of a write made under a claim's lease (see <see cref="IOwnedWorkItemStore"/>).</summary>
public enum ClaimWriteResult
{
    /// <summary>The caller still owned the claim; the write is stored.</summary>
    Written = 0,

    /// <summary>
    /// The caller no longer owns the claim: its lease ran out and another worker claimed the item, or the item was
    /// finished or removed meanwhile. Nothing was written; the other worker owns the item now.
    /// </summary>
    NotOwner = 1,
}
