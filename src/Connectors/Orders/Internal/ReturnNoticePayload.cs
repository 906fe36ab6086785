namespace Connectors.Orders.Internal;

/// <summary>The inbox payload of a <see cref="ReturnNoticeEvent"/>: the return to read from the channel.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="ReturnId">The channel's id of the return.</param>
/// <param name="ChannelOrderId">The order it belongs to, where the notice named it.</param>
internal sealed record ReturnNoticePayload(string Channel, string ReturnId, string? ChannelOrderId);
