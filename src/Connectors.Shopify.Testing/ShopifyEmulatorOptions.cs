using System.Diagnostics;

namespace Connectors.Testing.Shopify;

/// <summary>Settings of a <see cref="ShopifyEmulator"/>.</summary>
public sealed class ShopifyEmulatorOptions
{
    /// <summary>The shop domain the emulator pretends to be (sent as <c>X-Shopify-Shop-Domain</c> on webhooks).</summary>
    /// <value>Default <c>emulated-shop.myshopify.com</c>.</value>
    public string ShopDomain { get; set; } = "emulated-shop.myshopify.com";

    /// <summary>The access token the emulator accepts in <c>X-Shopify-Access-Token</c>.</summary>
    /// <value>Default <c>shpat_emulator</c>.</value>
    public string AccessToken { get; set; } = "shpat_emulator";

    /// <summary>Client id and secret accepted by the client-credentials grant at <c>/admin/oauth/access_token</c>; the secret also signs webhooks.</summary>
    /// <value>Default <c>emulator-client</c>.</value>
    public string ClientId { get; set; } = "emulator-client";

    /// <summary>The app secret: signs webhooks and authenticates the client-credentials grant.</summary>
    /// <value>Default <c>emulator-secret</c>.</value>
    public string ClientSecret { get; set; } = "emulator-secret";

    /// <summary>The bucket size of the query-cost leaky bucket, in points.</summary>
    /// <value>Default 1000.</value>
    public int BucketSize { get; set; } = 1000;

    /// <summary>Points restored per second.</summary>
    /// <value>Default 50.</value>
    public int RestoreRate { get; set; } = 50;

    /// <summary>
    /// Multiplies the emulator's requested cost of every query (rounded up), to test a client against a server whose
    /// cost figures differ from the client's estimate (Shopify may change a field's cost at any time).
    /// </summary>
    /// <value>Default 1 (the emulator's own calculation from the published rules).</value>
    public double CostFactor { get; set; } = 1d;

    /// <summary>
    /// The network round trip: no answer (GraphQL or token) leaves before this long after its request arrived. The
    /// request is served on arrival and its answer held back, so the emulator's own work is inside the latency. Measured
    /// on the real clock (<see cref="Stopwatch"/>), not <see cref="TimeProvider"/>.
    /// </summary>
    /// <value>Default zero (answers leave when ready).</value>
    public TimeSpan Latency { get; set; }

    /// <summary>The clock of the leaky bucket and of timestamps.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The shop's currency (<c>shop { currencyCode }</c>): variant prices are in it.</summary>
    /// <value>Default <c>EUR</c>.</value>
    public string ShopCurrency { get; set; } = "EUR";

    /// <summary>
    /// Whether orders move the shop's own stock as Shopify does: an order's tracked units leave <c>available</c> (for
    /// <c>committed</c>) when it is created, paid or not, and a cancellation puts the unfulfilled ones back. Returns
    /// processed with a <c>RESTOCKED</c> disposition add to <c>available</c> whatever this says.
    /// </summary>
    /// <value>
    /// Default <see langword="false"/> (levels change only when an app sets them), as the reliability and sample runs were
    /// written against that; <see langword="true"/> is Shopify's behaviour.
    /// </value>
    public bool OrdersMoveStock { get; set; }

    /// <summary>
    /// Whether every incoming document is validated, with its variables, against the published Admin schema of the
    /// version in the request path (<c>shared/contracts/shopify/{version}.schema.graphql</c>), and refused as Shopify
    /// refuses it (HTTP 200, top-level <c>errors</c> with <c>locations</c> and <c>extensions.code</c>, e.g.
    /// <c>undefinedField</c>, <c>INVALID_VARIABLE</c>) before any cost is charged. Needs the contracts folder
    /// (<c>CONNECTORS_CONTRACTS</c>); each schema is loaded once per process.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ValidateDocuments { get; set; } = true;

    /// <summary>Where webhooks are delivered; null for no delivery.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Delivery attempts per webhook (at-least-once: a non-2xx answer is retried with the same webhook id).</summary>
    /// <value>Default 3.</value>
    public int WebhookAttempts { get; set; } = 3;

    /// <summary>
    /// Sets the bucket to a Shopify plan's GraphQL limits. Restore rates per plan are the published ones (shopify.dev,
    /// "GraphQL Admin API rate limits": Standard 100, Advanced 200, Plus 1,000 points per second); the bucket sizes
    /// (20 seconds of restore) are an assumption, as the current page no longer states them.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <returns>These options.</returns>
    public ShopifyEmulatorOptions UsePlan(ShopifyEmulatorPlan plan)
    {
        (BucketSize, RestoreRate) = plan switch
        {
            ShopifyEmulatorPlan.Advanced => (4000, 200),
            ShopifyEmulatorPlan.Plus => (20000, 1000),
            _ => (2000, 100),
        };
        return this;
    }
}
