using System.Security.Cryptography;
using System.Text;
using Connectors.Hosting.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Webhooks;

/// <summary>
/// Turns one webhook HTTP request into inbox entries: size limit, signature, parse, durable write, answer. A
/// forged request never reaches the inbox; an authentic but malformed one is dead-lettered with its body, so
/// nothing is dropped. It answers as soon as the delivery is durable (Shopify gives up after 5 s).
/// </summary>
internal sealed class WebhookReceiver(
    IChannelRegistry channels,
    IEnumerable<IWebhookHandler> registeredHandlers,
    IOrderSync orders,
    ISyncStateStore store,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<WebhookReceiver> logger)
{
    public async Task<IResult> ReceiveAsync(string channel, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (FindHandler(channel) is not { } handler)
        {
            return Answer(channel, "unknown_channel", Results.NotFound());
        }

        var max = options.Value.MaxWebhookBodyBytes;
        if (context.Request.ContentLength > max)
        {
            return Answer(channel, "too_large", Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var body = await ReadBodyAsync(context.Request.Body, max, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Answer(channel, "too_large", Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in context.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        var request = new WebhookRequest
        {
            Channel = channel,
            Headers = headers,
            Body = body,
            ReceivedAt = time.GetUtcNow(),
            ContentType = context.Request.ContentType,
        };
        var verification = handler.Verify(request);
        if (!verification.IsValid)
        {
            Log.WebhookRejected(logger, channel, verification.FailureReason ?? "invalid signature");
            return Answer(channel, "forged", Results.Unauthorized());
        }

        if (verification.IsPing)
        {
            return Answer(channel, "ping", Results.Ok());
        }

        IReadOnlyList<ChannelEvent> events;
        try
        {
            events = handler.Parse(request);
        }
        catch (ConnectorValidationException e)
        {
            await DeadLetterAsync(channel, body, e, cancellationToken).ConfigureAwait(false);
            return Answer(channel, "malformed", Results.Accepted());
        }

        var accepted = false;
        foreach (var channelEvent in events)
        {
            accepted |= await orders.AcceptAsync(channelEvent, cancellationToken).ConfigureAwait(false) == InboxAcceptOutcome.Accepted;
        }

        return Answer(channel, accepted ? "accepted" : "duplicate", Results.Ok());
    }

    /// <summary>The channel object itself when it handles webhooks, else a handler registered in DI for that channel name.</summary>
    private IWebhookHandler? FindHandler(string channel)
    {
        if (channels.TryGetPort<IWebhookHandler>(channel, out var port))
        {
            return port;
        }

        foreach (var handler in registeredHandlers)
        {
            if (string.Equals(handler.Channel, channel, StringComparison.OrdinalIgnoreCase))
            {
                return handler;
            }
        }

        return null;
    }

    private static async Task<byte[]?> ReadBodyAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task DeadLetterAsync(string channel, byte[] body, ConnectorValidationException error, CancellationToken cancellationToken)
    {
        // The id is a hash of the body, so a platform retrying the same bad delivery makes one dead letter.
        var id = $"webhook:{channel}:{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}";
        var now = time.GetUtcNow();
        var payload = Encoding.UTF8.GetString(body);
        await store.AddDeadLetterAsync(
            new DeadLetter
            {
                Id = id,
                Channel = channel,
                Flow = ConnectorFlows.Orders,
                Kind = "webhook",
                Reason = error.Message,
                ErrorType = error.GetType().Name,
                Payload = payload,
                Attempts = 1,
                FirstAttemptAt = now,
                DeadLetteredAt = now,
                SourceQueue = null,
            },
            cancellationToken).ConfigureAwait(false);
        Log.WebhookDeadLettered(logger, id, channel, error.Message, error);
    }

    private IResult Answer(string channel, string outcome, IResult result)
    {
        metrics.WebhooksReceived.Add(
            1,
            new KeyValuePair<string, object?>(ConnectorsTelemetry.ChannelTag, channel),
            new KeyValuePair<string, object?>(ConnectorsTelemetry.OutcomeTag, outcome));
        return result;
    }
}
