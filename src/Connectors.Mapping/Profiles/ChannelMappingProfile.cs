namespace Connectors.Mapping.Profiles;

/// <summary>How one channel instance maps to the WMS: items, bundles, variants, units, order, address and custom-field rules.</summary>
public sealed partial class ChannelMappingProfile
{
    /// <summary>The explicit cross-reference: channel item id to WMS SKU, with units per selling unit (packs, weights).</summary>
    public IList<ItemMapping> Items { get; } = new List<ItemMapping>();

    /// <summary>A CSV file with more cross-reference rows: <c>channelItemId,sku[,quantityPerUnit[,channelSku]]</c>, header optional.</summary>
    /// <value><see langword="null"/> by default. A relative path is resolved from the current directory.</value>
    public string? CrossReferenceCsvPath { get; set; }

    /// <summary>Bundles and kits: one channel item made of several WMS SKUs, optionally sold in packs of the bundle.</summary>
    public IList<BundleMapping> Bundles { get; } = new List<BundleMapping>();

    /// <summary>Variant rules: a channel item under a parent product with given attributes (size, colour) is a WMS SKU.</summary>
    public IList<VariantMapping> Variants { get; } = new List<VariantMapping>();

    /// <summary>Matching of catalogue items to WMS SKUs by their SKU, when the channel's catalogue is loaded.</summary>
    public AutoMatchOptions AutoMatch { get; set; } = new();

    /// <summary>WMS SKUs counted in divisible units (kilograms, metres); quantities of every other SKU must be whole.</summary>
    public IList<string> FractionalSkus { get; } = new List<string>();

    /// <summary>Payment status and order state to release, hold or reject.</summary>
    public ReleaseRules Release { get; set; } = new();

    /// <summary>Shipping method to WMS carrier service.</summary>
    public CarrierRules Carriers { get; set; } = new();

    /// <summary>Notes, gift wrap and attributes to picking instructions.</summary>
    public PickingInstructionRules PickingInstructions { get; set; } = new();

    /// <summary>Tags and attributes to WMS priority.</summary>
    public PriorityRules Priority { get; set; } = new();

    /// <summary>Address normalisation and the WMS's field limits.</summary>
    public AddressRules Address { get; set; } = new();

    /// <summary>Declarative rules filling <see cref="WarehouseOrder.Attributes"/>.</summary>
    public IList<CustomFieldRule> CustomFields { get; } = new List<CustomFieldRule>();

    /// <summary>How this channel's prices derive from the published base prices; <see langword="null"/> pushes the base prices as they are.</summary>
    public PricingRules? Pricing { get; set; }
}
