using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Connectors.Testing.WooCommerce.Internal;

namespace Connectors.Testing.WooCommerce;

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
                    // Queued (the timer starts now, under the gate), sent by a background run; the body is built when it is sent.
                    var due = WebhookDeliveryDelay > TimeSpan.Zero ? Task.Delay(WebhookDeliveryDelay, _time) : Task.CompletedTask;
                    _deliveries.Add(Task.Run(async () =>
                    {
                        await due.ConfigureAwait(false);
                        await DeliverAsync(hook, topic, resourceId).ConfigureAwait(false);
                    }));
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
                _ when topic.StartsWith("order.", StringComparison.Ordinal) => EmuJson.Order(_orders[resourceId], View),
                _ => EmuJson.Product(_products[resourceId], View),
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
            if (RestrictWebhookPorts && !IsSafeDeliveryUrl(request.RequestUri!))
            {
                throw new HttpRequestException($"A valid URL was not provided: {request.RequestUri} (wp_http_validate_url allows ports 80, 443, 8080 and the site's own).");
            }

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

    /// <summary>
    /// WordPress's <c>wp_http_validate_url</c> port rule, which <c>wp_safe_remote_post</c> applies to every delivery:
    /// ports 80, 443 and 8080 are allowed, and the home URL's own port when the delivery goes to the same host.
    /// </summary>
    private bool IsSafeDeliveryUrl(Uri url)
    {
        if (url.Port is 80 or 443 or 8080)
        {
            return true;
        }

        var home = new Uri(Home + "/");
        return string.Equals(home.Host, url.Host, StringComparison.OrdinalIgnoreCase) && home.Port == url.Port;
    }

    private EmuWebhook CreateWebhookLocked(string name, string topic, Uri deliveryUrl, string secret, string status)
    {
        var now = Now;
        var hook = new EmuWebhook { Id = _nextWebhookId++, Name = name, Topic = topic, DeliveryUrl = deliveryUrl, Secret = secret, Status = status, Created = now, Modified = now };
        _webhooks[hook.Id] = hook;
        if (status == "active")
        {
            _deliveries.Add(PingAsync(hook));
        }

        return hook;
    }

    private static readonly string[] WebhookTopics = ["order.created", "order.updated", "order.deleted", "order.restored", "product.created", "product.updated", "product.deleted", "product.restored", "customer.created", "customer.updated", "customer.deleted", "coupon.created", "coupon.updated", "coupon.deleted", "action.woocommerce_order_status_changed"];
    private static readonly string[] WebhookStatuses = ["active", "paused", "disabled"];

    /// <summary><c>POST /webhooks</c>: topic and delivery_url required; the secret is stored, never echoed; an active webhook is pinged.</summary>
    private (int, System.Text.Json.Nodes.JsonNode) CreateWebhook(System.Text.Json.Nodes.JsonNode? input)
    {
        var topic = Str(input, "topic");
        var url = Str(input, "delivery_url");
        if (string.IsNullOrEmpty(topic) || string.IsNullOrEmpty(url))
        {
            var missing = string.Join(", ", new[] { ("topic", topic), ("delivery_url", url) }.Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1));
            return (400, EmuJson.Error("rest_missing_callback_param", $"Missing parameter(s): {missing}", 400));
        }

        if (Validate(topic, url, Str(input, "status")) is { } invalid)
        {
            return (400, invalid);
        }

        var hook = CreateWebhookLocked(Str(input, "name") ?? $"Webhook created on {Now:MMM dd, yyyy @ hh:mm tt}", topic, new Uri(url), Str(input, "secret") ?? string.Empty, Str(input, "status") ?? "active");
        return (201, EmuJson.Webhook(hook, View));
    }

    private (int, System.Text.Json.Nodes.JsonNode) UpdateWebhook(EmuWebhook hook, System.Text.Json.Nodes.JsonNode? input)
    {
        if (Validate(Str(input, "topic"), Str(input, "delivery_url"), Str(input, "status")) is { } invalid)
        {
            return (400, invalid);
        }

        hook.Name = Str(input, "name") ?? hook.Name;
        hook.Topic = Str(input, "topic") ?? hook.Topic;
        hook.DeliveryUrl = Str(input, "delivery_url") is { } url ? new Uri(url) : hook.DeliveryUrl;
        hook.Secret = Str(input, "secret") ?? hook.Secret;
        if (Str(input, "status") is { } status)
        {
            hook.Status = status;
            hook.FailureCount = 0;
        }

        hook.Modified = Now;
        return (200, EmuJson.Webhook(hook, View));
    }

    private (int, System.Text.Json.Nodes.JsonNode) DeleteWebhook(EmuWebhook hook, Microsoft.AspNetCore.Http.IQueryCollection query)
    {
        if (query["force"].ToString() is not ("true" or "1"))
        {
            return (501, EmuJson.Error("woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.", 501));
        }

        var rendered = EmuJson.Webhook(hook, View);
        _webhooks.Remove(hook.Id);
        return (200, rendered);
    }

    private static System.Text.Json.Nodes.JsonObject? Validate(string? topic, string? url, string? status)
    {
        if (topic is not null && !WebhookTopics.Contains(topic))
        {
            return EmuJson.Error("woocommerce_rest_webhook_invalid_topic", "Webhook topic is required and must be valid.", 400);
        }

        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
        {
            return EmuJson.Error("woocommerce_rest_webhook_invalid_delivery_url", "Webhook delivery URL must be a valid URL starting with http:// or https://.", 400);
        }

        if (status is not null && !WebhookStatuses.Contains(status))
        {
            var error = EmuJson.Error("rest_invalid_param", "Invalid parameter(s): status", 400);
            error["data"]!["params"] = new System.Text.Json.Nodes.JsonObject { ["status"] = "status is not one of active, paused, and disabled." };
            return error;
        }

        return null;
    }

    private static string? Str(System.Text.Json.Nodes.JsonNode? input, string key) =>
        input?[key] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
