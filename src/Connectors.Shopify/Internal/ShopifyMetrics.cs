using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connectors.Shopify.Internal;

/// <summary>The Shopify instruments on the shared <c>Connectors</c> meter.</summary>
internal sealed class ShopifyMetrics
{
    public ShopifyMetrics(IMeterFactory meterFactory, CostBucketRegistry buckets)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ConnectorsTelemetry.Name);
        meter.CreateObservableGauge(
            "connectors.throttle.bucket_available",
            () => buckets.All.Select(b => new Measurement<double>(b.Available, new KeyValuePair<string, object?>("connector.shop", b.Shop))),
            "{point}",
            "Estimated points available in each Shopify shop's query-cost bucket.");
        meter.CreateObservableGauge(
            "connectors.throttle.bucket_fill",
            () => buckets.All.Select(b => new Measurement<double>(b.Capacity <= 0 ? 0 : 1 - (b.Available / b.Capacity), new KeyValuePair<string, object?>("connector.shop", b.Shop))),
            "1",
            "Fill ratio of each Shopify shop's query-cost bucket (0 empty/idle, 1 exhausted).");
        WaitDuration = meter.CreateHistogram<double>(
            "connectors.throttle.wait_duration", "s", "Time Shopify requests waited for the cost bucket, by channel.");
        ThrottledResponses = meter.CreateCounter<long>(
            "connectors.throttle.throttled_responses", "{response}", "THROTTLED responses received (and retried) by channel.");
        DeprecatedCalls = meter.CreateCounter<long>(
            "connectors.api.deprecated_calls", "{call}", "Responses carrying X-Shopify-API-Deprecated-Reason, by channel and operation.");
    }

    public Histogram<double> WaitDuration { get; }

    public Counter<long> ThrottledResponses { get; }

    public Counter<long> DeprecatedCalls { get; }

    public static TagList Tags(string channel) => new()
    {
        { ConnectorsTelemetry.ChannelTag, channel },
        { ConnectorsTelemetry.PlatformTag, ShopifyChannelDefaults.Platform },
    };
}
