namespace Connectors;

/// <summary>
/// A channel order, shipment or return cannot be mapped. Names the channel, order, line and field so an operator can
/// fix the profile; the engine dead-letters the item and maps nothing of it half-way.
/// </summary>
public sealed class MappingException : ConnectorValidationException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel order id, if any.</param>
    /// <param name="lineId">The channel line id, if any.</param>
    /// <param name="fieldPath">The field that could not be mapped (for example <c>Lines[1].ChannelItemId</c>).</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="rule">The mapping rule that failed, if any.</param>
    public MappingException(string channel, string? orderId, string? lineId, string fieldPath, string message, string? rule = null)
        : base([new ValidationError(fieldPath, Context(channel, orderId, lineId, rule) + message)])
    {
        Channel = channel;
        OrderId = orderId;
        LineId = lineId;
        Rule = rule;
    }

    /// <summary>The channel instance.</summary>
    public string Channel { get; }

    /// <summary>The channel order id.</summary>
    public string? OrderId { get; }

    /// <summary>The channel line id.</summary>
    public string? LineId { get; }

    /// <summary>The mapping rule that failed.</summary>
    public string? Rule { get; }

    private static string Context(string channel, string? orderId, string? lineId, string? rule)
    {
        var order = orderId is null ? string.Empty : $" order {orderId}";
        var line = lineId is null ? string.Empty : $" line {lineId}";
        var ruleText = rule is null ? string.Empty : $" rule '{rule}'";
        return $"({channel}{order}{line}{ruleText}) ";
    }
}
