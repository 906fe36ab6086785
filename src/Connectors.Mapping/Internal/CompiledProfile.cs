using System.Collections.Frozen;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>A channel's profile precompiled into lookup tables at start, so mapping an order does no parsing.</summary>
internal sealed partial class CompiledProfile
{
    public required string Channel { get; init; }

    public required string Path { get; init; }

    public required ChannelItemDefinition[] ExplicitItems { get; init; }

    public required VariantRule[] Variants { get; init; }

    public SkuNormaliser? AutoMatch { get; init; }

    public required FrozenSet<string> FractionalSkus { get; init; }

    /// <summary>Decision and reason per <see cref="PaymentStatus"/> value.</summary>
    public required (ReleaseDecision Decision, string? Reason)[] ReleaseByPayment { get; init; }

    public required string[] HoldTags { get; init; }

    /// <summary>Decision per <see cref="ChannelOrderStatus"/>; <see cref="ReleaseDecision.Release"/> lets the payment status decide.</summary>
    public required ReleaseDecision[] ReleaseByOrderStatus { get; init; }

    /// <summary>Decision per <see cref="FulfillmentStatus"/>; <see cref="ReleaseDecision.Release"/> lets the payment status decide.</summary>
    public required ReleaseDecision[] ReleaseByFulfillment { get; init; }

    public required FrozenDictionary<string, string> Carriers { get; init; }

    public string? CarrierFallback { get; init; }

    public bool RequireCarrier { get; init; }

    public bool IncludeNote { get; init; }

    public required string[] GiftWrapKeys { get; init; }

    public required string GiftWrapText { get; init; }

    public required KeyValuePair<string, string>[] InstructionAttributes { get; init; }

    public required string[] InstructionLineProperties { get; init; }

    public int DefaultPriority { get; init; }

    public required PriorityRuleCompiled[] PriorityRules { get; init; }

    public required AddressRulesCompiled Address { get; init; }

    public required CustomFieldCompiled[] CustomFields { get; init; }

    public PricingRules? Pricing { get; init; }

    public bool IsFractional(string sku) => FractionalSkus.Count > 0 && FractionalSkus.Contains(sku);
}
