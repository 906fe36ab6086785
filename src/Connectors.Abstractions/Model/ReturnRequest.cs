using Connectors.Internal;

namespace Connectors;

/// <summary>A return the buyer requested on a channel; it becomes an expected return for the warehouse.</summary>
public sealed record ReturnRequest
{
    /// <summary>Creates a return request.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="returnId">The channel's return id.</param>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="lines">The lines to return; at least one.</param>
    /// <param name="requestedAt">When the buyer asked.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or there are no lines.</exception>
    public ReturnRequest(string channel, string returnId, string channelOrderId, IReadOnlyList<ReturnLine> lines, DateTimeOffset requestedAt)
    {
        Channel = Guard.NotEmpty(channel, nameof(Channel));
        ReturnId = Guard.NotEmpty(returnId, nameof(ReturnId));
        ChannelOrderId = Guard.NotEmpty(channelOrderId, nameof(ChannelOrderId));
        Lines = Guard.NotNull(lines, nameof(Lines));
        if (Lines.Count == 0)
        {
            throw new ConnectorValidationException(nameof(Lines), "must hold at least one line.");
        }

        RequestedAt = requestedAt;
    }

    /// <summary>The channel instance.</summary>
    public string Channel { get; }

    /// <summary>The channel's return id.</summary>
    public string ReturnId { get; }

    /// <summary>The channel's order id.</summary>
    public string ChannelOrderId { get; }

    /// <summary>The lines to return.</summary>
    public IReadOnlyList<ReturnLine> Lines { get; }

    /// <summary>When the buyer asked.</summary>
    public DateTimeOffset RequestedAt { get; }
}
