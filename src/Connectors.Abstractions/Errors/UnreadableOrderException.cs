namespace Connectors;

/// <summary>
/// A channel listed an order that cannot be read (a value of the wrong type, a missing required field). Permanent: the
/// engine dead-letters the order with its payload (see <see cref="UnreadableOrder"/>) and goes on with the rest.
/// <see cref="ConnectorValidationException.FieldPath"/> is the JSON path of the failure within the order's payload.
/// </summary>
public sealed class UnreadableOrderException : ConnectorValidationException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel order id, if it could be read.</param>
    /// <param name="jsonPath">The JSON path of the failure within the order's payload.</param>
    /// <param name="reason">What is wrong.</param>
    public UnreadableOrderException(string channel, string? orderId, string jsonPath, string reason)
        : base([new ValidationError(jsonPath, $"(channel {channel} order {orderId ?? "with no readable id"}) cannot be read: {reason}")])
    {
        Channel = channel;
        OrderId = orderId;
    }

    /// <summary>The channel instance.</summary>
    public string Channel { get; }

    /// <summary>The channel order id, if it could be read.</summary>
    public string? OrderId { get; }
}
