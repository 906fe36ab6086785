using System.Text.Json;
using Connectors.Internal;

namespace Connectors.Orders.Internal;

/// <summary>Reads and writes the flows' payloads through <see cref="ConnectorsJsonContext"/>.</summary>
internal static class OrderPayloads
{
    public static string Write(OrderInboxPayload payload) => JsonSerializer.Serialize(payload, ConnectorsJsonContext.Default.OrderInboxPayload);

    public static string Write(OrderState state) => JsonSerializer.Serialize(state, ConnectorsJsonContext.Default.OrderState);

    public static string Write(ReturnRequest request) => JsonSerializer.Serialize(request, ConnectorsJsonContext.Default.ReturnRequest);

    public static OrderInboxPayload ReadOrder(string json) =>
        JsonSerializer.Deserialize(json, ConnectorsJsonContext.Default.OrderInboxPayload) ?? throw new JsonException("The order payload is empty.");

    public static OrderState? ReadState(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, ConnectorsJsonContext.Default.OrderState);

    public static string Write(ReturnNoticePayload notice) => JsonSerializer.Serialize(notice, ConnectorsJsonContext.Default.ReturnNoticePayload);

    public static ReturnNoticePayload ReadReturnNotice(string json) =>
        JsonSerializer.Deserialize(json, ConnectorsJsonContext.Default.ReturnNoticePayload) ?? throw new JsonException("The return notice payload is empty.");

    public static ReturnRequest ReadReturn(string json) =>
        JsonSerializer.Deserialize(json, ConnectorsJsonContext.Default.ReturnRequest) ?? throw new JsonException("The return payload is empty.");
}
