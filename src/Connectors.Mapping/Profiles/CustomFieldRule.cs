namespace Connectors.Mapping.Profiles;

/// <summary>
/// One declarative rule for a WMS custom field (<see cref="WarehouseOrder.Attributes"/>[<see cref="Target"/>]).
/// Sources are order paths: <c>OrderId</c>, <c>OrderNumber</c>, <c>Channel</c>, <c>Email</c>, <c>Note</c>,
/// <c>ShippingMethod</c>, <c>PaymentStatus</c>, <c>Status</c>, <c>Currency</c>, <c>Total</c>, <c>ShippingTotal</c>,
/// <c>CreatedAt</c>, <c>Tags</c>, <c>Attributes.&lt;key&gt;</c>, <c>ShipTo.&lt;field&gt;</c> (the mapped address),
/// <c>ShippingAddress.&lt;field&gt;</c> and <c>BillingAddress.&lt;field&gt;</c> (as the channel sent them).
/// </summary>
public sealed class CustomFieldRule
{
    /// <summary>The WMS attribute key to fill.</summary>
    public string? Target { get; set; }

    /// <summary>The kind of rule.</summary>
    /// <value><see cref="CustomFieldKind.Copy"/> by default.</value>
    public CustomFieldKind Kind { get; set; } = CustomFieldKind.Copy;

    /// <summary>The source path, for <see cref="CustomFieldKind.Copy"/> and <see cref="CustomFieldKind.Lookup"/>.</summary>
    public string? Source { get; set; }

    /// <summary>The value for <see cref="CustomFieldKind.Constant"/>; the template for <see cref="CustomFieldKind.Template"/> (<c>{OrderNumber}-{ShipTo.CountryCode}</c>).</summary>
    public string? Value { get; set; }

    /// <summary>The lookup table (source value, without case, to WMS value) for <see cref="CustomFieldKind.Lookup"/>.</summary>
    public IDictionary<string, string> Table { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The value when the source is empty or the lookup has no entry.</summary>
    public string? Default { get; set; }

    /// <summary>Whether an empty result is a mapping error (otherwise the field is left out).</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool Required { get; set; }
}
