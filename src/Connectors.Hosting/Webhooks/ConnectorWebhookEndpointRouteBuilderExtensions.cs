using Connectors.Hosting.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the webhook endpoints of every channel instance.</summary>
public static class ConnectorWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {prefix}/{channel}</c>: the channel's <see cref="Connectors.IWebhookHandler"/> (the channel object
    /// itself, or a handler registered in DI whose <c>Channel</c> is that name) verifies the
    /// signature, the delivery is written to the durable inbox, and the platform gets 200 at once. Forged requests
    /// get 401, oversized ones 413, unknown channels 404; authentic but malformed ones are dead-lettered (202).
    /// Requires <c>AddHosting()</c> on the connectors builder.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The path prefix; default <c>/webhooks</c>.</param>
    /// <returns>A builder to add conventions (authorization, rate limiting) to the endpoint.</returns>
    public static IEndpointConventionBuilder MapConnectorWebhooks(this IEndpointRouteBuilder endpoints, string prefix = "/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        // A RequestDelegate rather than a lambda with bound parameters: no reflection, so trimming and AOT stay safe.
        return endpoints.MapPost(prefix.TrimEnd('/') + "/{channel}", static async context =>
        {
            var channel = context.Request.RouteValues["channel"] as string ?? string.Empty;
            var result = await context.RequestServices.GetRequiredService<WebhookReceiver>().ReceiveAsync(channel, context).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        });
    }
}
