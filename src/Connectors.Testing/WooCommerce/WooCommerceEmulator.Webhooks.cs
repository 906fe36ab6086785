using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Connectors.Testing.WooCommerce.Internal;

namespace Connectors.Testing;

/// <summary>Webhook deliveries of the emulator.</summary>
public sealed partial class WooCommerceEmulator
{
    /// <summary>Starts a delivery to every active webhook of <paramref name="topic"/>; the payload is built when it is sent. Call with the gate held or not.</summary>
    private void Trigger(string topic, long resourceId)
    {
        lock (_gate)
        {
            foreach (var hook in _webhooks.Values)
            {
                if (hook.Status == "active" && hook.Topic == topic)
                {
                    _deliveries.Add(Task.Run(() => DeliverAsync(hook, topic, resourceId)));
                }
            }
        }
    }

    private async Task DeliverAsync(EmuWebhook hook, string topic, long resourceId)
    {
        byte[] body;
        string deliveryId;
        lock (_gate)
        {
            // Built at send time: the body shows the resource as it is now, not as it was when the event happened.
            System.Text.Json.Nodes.JsonNode json = topic switch
            {
                "order.deleted" => new System.Text.Json.Nodes.JsonObject { ["id"] = resourceId },
                _ when topic.StartsWith("order.", StringComparison.Ordinal) => EmuJson.Order(_orders[resourceId], ApiBase),
                _ => EmuJson.Product(_products[resourceId], ApiBase),
            };
            body = Encoding.UTF8.GetBytes(json.ToJsonString());

            // WooCommerce 10.0.2: a hash of the webhook id and the current second, so deliveries in one second share it.
            var seed = Text(hook.Id) + Text(_time.GetUtcNow().ToUnixTimeSeconds());
#pragma warning disable CA5351 // an id, not security: WooCommerce itself derives it with md5.
            deliveryId = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(seed)));
#pragma warning restore CA5351
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, hook.DeliveryUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)");
        request.Headers.Add("X-WC-Webhook-Source", Home + "/");
        request.Headers.Add("X-WC-Webhook-Topic", topic);
        request.Headers.Add("X-WC-Webhook-Resource", topic[..topic.IndexOf('.', StringComparison.Ordinal)]);
        request.Headers.Add("X-WC-Webhook-Event", topic[(topic.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        request.Headers.Add("X-WC-Webhook-Signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(hook.Secret), body)));
        request.Headers.Add("X-WC-Webhook-ID", Text(hook.Id));
        request.Headers.Add("X-WC-Webhook-Delivery-ID", deliveryId);
        await SendAsync(hook, request).ConfigureAwait(false);
    }

    private async Task PingAsync(EmuWebhook hook)
    {
        await Task.Yield();
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.DeliveryUrl)
        {
            Content = new FormUrlEncodedContent([new("webhook_id", Text(hook.Id))]),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", "WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)");
        await SendAsync(hook, request).ConfigureAwait(false);
    }

    /// <summary>One attempt, never retried; more than 5 failures in a row disable the webhook.</summary>
    private async Task SendAsync(EmuWebhook hook, HttpRequestMessage request)
    {
        bool ok;
        try
        {
            using var response = await _webhookClient.SendAsync(request).ConfigureAwait(false);
            ok = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            ok = false;
        }
        catch (TaskCanceledException)
        {
            ok = false;
        }

        lock (_gate)
        {
            if (ok)
            {
                hook.FailureCount = 0;
            }
            else if (++hook.FailureCount > MaxFailuresBeforeDisable)
            {
                hook.Status = "disabled";
            }
        }
    }
}
