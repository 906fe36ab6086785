namespace Connectors.Testing.WooCommerce.Internal;

/// <summary>A product or variation held by the emulator (its own model; it shares nothing with the client).</summary>
internal sealed class EmuProduct
{
    public long Id { get; init; }
    public long ParentId { get; init; }
    public required string Type { get; init; }
    public required string Name { get; set; }
    public string Sku { get; set; } = string.Empty;
    public decimal Price { get; set; }
    public bool ManageStock { get; set; }
    public int? Stock { get; set; }
    public string Status { get; set; } = "publish";
    public string? AttributeName { get; init; }
    public string? Option { get; init; }
    public List<long> Variations { get; } = [];
    public DateTime Modified { get; set; }
    public DateTime Created { get; init; }

    /// <summary>A copy to render outside the emulator's lock.</summary>
    public EmuProduct Snapshot()
    {
        var copy = new EmuProduct
        {
            Id = Id, ParentId = ParentId, Type = Type, Name = Name, Sku = Sku, Price = Price, ManageStock = ManageStock, Stock = Stock, Status = Status,
            AttributeName = AttributeName, Option = Option, Modified = Modified, Created = Created,
        };
        copy.Variations.AddRange(Variations);
        return copy;
    }
}
