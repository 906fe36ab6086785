using Connectors.Internal;

namespace Connectors;

/// <summary>The warehouse's receipt of a returned parcel; it confirms the return on the channel.</summary>
public sealed record ReturnReceipt
{
    /// <summary>Creates a receipt.</summary>
    /// <param name="receiptId">The WMS receipt id; unique, it keys the outbox.</param>
    /// <param name="channel">The channel instance.</param>
    /// <param name="returnId">The channel's return id.</param>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="lines">What was received; at least one line.</param>
    /// <param name="receivedAt">When it was received.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or there are no lines.</exception>
    public ReturnReceipt(string receiptId, string channel, string returnId, string channelOrderId, IReadOnlyList<ReturnReceiptLine> lines, DateTimeOffset receivedAt)
    {
        ReceiptId = Guard.NotEmpty(receiptId, nameof(ReceiptId));
        Channel = Guard.NotEmpty(channel, nameof(Channel));
        ReturnId = Guard.NotEmpty(returnId, nameof(ReturnId));
        ChannelOrderId = Guard.NotEmpty(channelOrderId, nameof(ChannelOrderId));
        Lines = Guard.NotNull(lines, nameof(Lines));
        if (Lines.Count == 0)
        {
            throw new ConnectorValidationException(nameof(Lines), "must hold at least one line.");
        }

        ReceivedAt = receivedAt;
    }

    /// <summary>The WMS receipt id.</summary>
    public string ReceiptId { get; }

    /// <summary>The channel instance.</summary>
    public string Channel { get; }

    /// <summary>The channel's return id.</summary>
    public string ReturnId { get; }

    /// <summary>The channel's order id.</summary>
    public string ChannelOrderId { get; }

    /// <summary>What was received.</summary>
    public IReadOnlyList<ReturnReceiptLine> Lines { get; }

    /// <summary>When it was received.</summary>
    public DateTimeOffset ReceivedAt { get; }
}
