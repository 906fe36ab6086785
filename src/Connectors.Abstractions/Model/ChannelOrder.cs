using Connectors.Internal;

namespace Connectors;

/// <summary>
/// An order as a channel (shop or marketplace) holds it, normalised. The mapping engine turns it into a
/// <see cref="WarehouseOrder"/>. <see cref="UpdatedAt"/> is the version: a later one supersedes an earlier one.
/// </summary>
public sealed record ChannelOrder
{
    /// <summary>Creates an order and checks it.</summary>
    /// <param name="channel">The channel instance name (for example <c>store-a</c>).</param>
    /// <param name="orderId">The channel's id of the order.</param>
    /// <param name="currency">The ISO 4217 currency of every amount on the order.</param>
    /// <param name="lines">The order lines.</param>
    /// <param name="createdAt">When the order was placed.</param>
    /// <param name="updatedAt">When the channel last changed it; the order's version.</param>
    /// <param name="orderNumber">The number shown to the buyer (for example <c>#1001</c>).</param>
    /// <param name="status">The life-cycle state.</param>
    /// <param name="paymentStatus">The payment state.</param>
    /// <param name="fulfillmentStatus">The shipping state on the channel.</param>
    /// <param name="shippingAddress">Where to ship.</param>
    /// <param name="billingAddress">The billing address.</param>
    /// <param name="email">The buyer's e-mail.</param>
    /// <param name="shippingMethod">The shipping method or rate the buyer chose, as the channel names it.</param>
    /// <param name="shippingTotal">The shipping charged.</param>
    /// <param name="total">The order total.</param>
    /// <param name="note">The buyer's or merchant's note.</param>
    /// <param name="tags">Tags on the order.</param>
    /// <param name="attributes">Custom order attributes (note attributes, meta data).</param>
    /// <exception cref="ConnectorValidationException">A field is missing or inconsistent; the message names the field path.</exception>
    public ChannelOrder(
        string channel,
        string orderId,
        string currency,
        IReadOnlyList<ChannelOrderLine> lines,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        string? orderNumber = null,
        ChannelOrderStatus status = ChannelOrderStatus.Open,
        PaymentStatus paymentStatus = PaymentStatus.Unknown,
        FulfillmentStatus fulfillmentStatus = FulfillmentStatus.Unfulfilled,
        Address? shippingAddress = null,
        Address? billingAddress = null,
        string? email = null,
        string? shippingMethod = null,
        Money? shippingTotal = null,
        Money? total = null,
        string? note = null,
        IReadOnlyList<string>? tags = null,
        IReadOnlyDictionary<string, string>? attributes = null)
    {
        Channel = Guard.NotEmpty(channel, nameof(Channel));
        OrderId = Guard.NotEmpty(orderId, nameof(OrderId));
        Currency = Money.NormaliseCurrency(currency, nameof(Currency));
        Lines = Guard.NotNull(lines, nameof(Lines));
        CreatedAt = createdAt;
        UpdatedAt = updatedAt < createdAt ? createdAt : updatedAt;
        OrderNumber = orderNumber;
        Status = status;
        PaymentStatus = paymentStatus;
        FulfillmentStatus = fulfillmentStatus;
        ShippingAddress = shippingAddress;
        BillingAddress = billingAddress;
        Email = email;
        ShippingMethod = shippingMethod;
        ShippingTotal = shippingTotal;
        Total = total;
        Note = note;
        Tags = Guard.List(tags);
        Attributes = Guard.Map(attributes);
        Validate();
    }

    /// <summary>The channel instance name.</summary>
    public string Channel { get; }

    /// <summary>The channel's id of the order.</summary>
    public string OrderId { get; }

    /// <summary>The number shown to the buyer.</summary>
    public string? OrderNumber { get; }

    /// <summary>The currency of every amount on the order.</summary>
    public string Currency { get; }

    /// <summary>The order lines.</summary>
    public IReadOnlyList<ChannelOrderLine> Lines { get; }

    /// <summary>When the order was placed.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the channel last changed the order; the order's version.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>The life-cycle state.</summary>
    public ChannelOrderStatus Status { get; }

    /// <summary>The payment state.</summary>
    public PaymentStatus PaymentStatus { get; }

    /// <summary>The shipping state on the channel.</summary>
    public FulfillmentStatus FulfillmentStatus { get; }

    /// <summary>Where to ship.</summary>
    public Address? ShippingAddress { get; }

    /// <summary>The billing address.</summary>
    public Address? BillingAddress { get; }

    /// <summary>The buyer's e-mail.</summary>
    public string? Email { get; }

    /// <summary>The shipping method the buyer chose, as the channel names it.</summary>
    public string? ShippingMethod { get; }

    /// <summary>The shipping charged.</summary>
    public Money? ShippingTotal { get; }

    /// <summary>The order total.</summary>
    public Money? Total { get; }

    /// <summary>The buyer's or merchant's note.</summary>
    public string? Note { get; }

    /// <summary>Tags on the order.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>Custom order attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>
    /// The latest time the channel expects the order to be shipped, as the marketplace states it (Amazon
    /// <c>LatestShipDate</c>, eBay <c>shipByDate</c>, Etsy <c>expected_ship_date</c>); where the channel states it per
    /// line, the earliest line's. <see langword="null"/> when the channel has none: the mapping profile's handling-time
    /// rule then computes it for the warehouse order.
    /// </summary>
    public DateTimeOffset? ShipBy { get; init; }

    /// <summary>Finds a line by its channel line id.</summary>
    /// <param name="lineId">The line id.</param>
    /// <returns>The line, or <see langword="null"/>.</returns>
    public ChannelOrderLine? FindLine(string lineId)
    {
        foreach (var line in Lines)
        {
            if (string.Equals(line.LineId, lineId, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }

    /// <summary>
    /// Checks that a fulfilment fits this order: every line exists and no line ships more units than were
    /// ordered, counting what earlier shipments already covered.
    /// </summary>
    /// <param name="request">The fulfilment to check.</param>
    /// <param name="alreadyShipped">Units already shipped per line id, from earlier shipments; may be <see langword="null"/>.</param>
    /// <exception cref="ConnectorValidationException">A line is unknown or over-shipped; the field path names it.</exception>
    public void EnsureCanFulfill(FulfillmentRequest request, IReadOnlyDictionary<string, int>? alreadyShipped = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var requested = request.Lines[i];
            var line = FindLine(requested.LineId);
            if (line is null)
            {
                errors.Add(new ValidationError($"Lines[{i}].LineId", $"'{requested.LineId}' is not a line of order {OrderId}."));
                continue;
            }

            var shipped = alreadyShipped is not null && alreadyShipped.TryGetValue(requested.LineId, out var s) ? s : 0;
            if (shipped + requested.Quantity > line.Quantity)
            {
                errors.Add(new ValidationError(
                    $"Lines[{i}].Quantity",
                    $"ships {requested.Quantity} of line {line.LineId} but only {line.Quantity - shipped} of {line.Quantity} ordered remain unshipped."));
            }
        }

        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(errors);
        }
    }

    private void Validate()
    {
        var errors = new List<ValidationError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (line is null)
            {
                errors.Add(new ValidationError($"Lines[{i}]", "is null."));
                continue;
            }

            if (!seen.Add(line.LineId))
            {
                errors.Add(new ValidationError($"Lines[{i}].LineId", $"'{line.LineId}' appears more than once."));
            }

            if (!string.Equals(line.UnitPrice.Currency, Currency, StringComparison.Ordinal))
            {
                errors.Add(new ValidationError(
                    $"Lines[{i}].UnitPrice.Currency",
                    $"is {line.UnitPrice.Currency} but the order is in {Currency}."));
            }
        }

        CheckCurrency(ShippingTotal, nameof(ShippingTotal), errors);
        CheckCurrency(Total, nameof(Total), errors);
        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(errors);
        }
    }

    private void CheckCurrency(Money? amount, string field, List<ValidationError> errors)
    {
        if (amount is { } value && !string.Equals(value.Currency, Currency, StringComparison.Ordinal))
        {
            errors.Add(new ValidationError($"{field}.Currency", $"is {value.Currency} but the order is in {Currency}."));
        }
    }
}
