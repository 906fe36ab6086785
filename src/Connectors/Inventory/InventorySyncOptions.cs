using System.ComponentModel.DataAnnotations;

namespace Connectors.Inventory;

/// <summary>Inventory flow settings.</summary>
public sealed class InventorySyncOptions
{
    /// <summary>Batches one channel may have in flight at once.</summary>
    /// <value>Default 2; from 1 to 64.</value>
    [Range(1, 64)]
    public int MaxBatchesInFlight { get; set; } = 2;
}
