using System.Diagnostics;
using System.Globalization;
using System.Text;
using Connectors.Internal;
using Connectors.Testing;
using Connectors.WooCommerce.Internal;
using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>
/// The throughput harness of the issue: 20,000 stock levels against the emulator with 50 ms per request. It asserts
/// correctness (every level applied, one call per 100 items, nothing surfaced as an error) and prints the figures:
/// calls, wall time, the latency ceiling and the share of it reached, and a raw-HttpClient baseline measured in the same
/// run. Timing is never asserted: the machine is shared and the figures move with its load.
/// </summary>
public sealed partial class WooCommerceChannelTests
{
    private const int ThroughputLevels = 20_000;
    private const int ThroughputBatch = 100;
    private const int WarmUpRounds = 10;
    private const int MaxWarmUps = 8;
    private static readonly TimeSpan ThroughputLatency = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task PushInventoryAsync_20000LevelsWith50msLatency_UsesOneCallPer100Items(int concurrency)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var ids = Enumerable.Range(0, ThroughputLevels).Select(i => shop.AddSimpleProduct($"SKU-{i}", 0)).ToList();
        shop.Latency = ThroughputLatency;
        await using var sp = Connect(shop, o => o.MaxConcurrency = concurrency); // MaxRetries = 0: any failure surfaces
        var channel = sp.Channel_();
        var targets = ids.Select((id, i) => new InventoryTarget(id.ToString(CultureInfo.InvariantCulture), "default", i % 97)).ToList();
        using var raw = new RawBatchClient(shop, concurrency);
        var rawBatches = ids.Chunk(ThroughputBatch).Select(chunk => RawBatchClient.Body(chunk, id => 1_000 + (int)(id % 89))).ToList();

        // Warm-up outside the measurement, as in a host that has been running: one full push, then 10-round pushes of
        // both clients until the JIT is quiet (tiered compilation otherwise recompiles the hot paths in the background
        // during the measured push; in a fresh process that cost the first measured push up to half its speed).
        await channel.PushInventoryAsync(targets, ct);
        var warmUps = 0;
        long jitted;
        do
        {
            var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            await channel.PushInventoryAsync(targets.Take(WarmUpRounds * concurrency * ThroughputBatch).ToList(), ct);
            await raw.PushAsync(rawBatches.Take(WarmUpRounds * concurrency).ToList(), ct);
            jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        }
        while (++warmUps < MaxWarmUps && jitted > 0);

        // Baseline, connector, baseline: the connector's run is bracketed by the same work done with a bare HttpClient.
        var baselineGcBefore = GcCounts();
        var baselineCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var baselineBefore = await raw.PushAsync(rawBatches, ct);
        var baselineCpu = Process.GetCurrentProcess().TotalProcessorTime - baselineCpuBefore;
        var baselineGc = GcCounts() - baselineGcBefore;
        var gcBefore = GcCounts();
        var callsBefore = shop.RequestCount;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitMeasuredBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var watch = Stopwatch.StartNew();
        var results = await channel.PushInventoryAsync(targets, ct);
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jitMeasured = System.Runtime.JitInfo.GetCompiledMethodCount() - jitMeasuredBefore;
        var gc = GcCounts() - gcBefore;
        var calls = shop.RequestCount - callsBefore;

        Assert.Equal(ThroughputLevels, results.Count);
        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(ThroughputLevels / ThroughputBatch, calls);
        Assert.All(Enumerable.Range(0, ThroughputLevels), i => Assert.Equal(i % 97, shop.GetStock(ids[i])));
        var baselineAfter = await raw.PushAsync(rawBatches, ct);
        Assert.InRange(shop.MaxInFlight, 1, concurrency); // the throttle never put more than MaxConcurrency on the wire

        // The ceiling: a client that always has `concurrency` requests in flight, each taking exactly the latency.
        var ceiling = Math.Ceiling((double)calls / concurrency) * ThroughputLatency;
        var baseline = (baselineBefore + baselineAfter) / 2;
        var report = string.Create(
            CultureInfo.InvariantCulture,
            $"WooCommerce throughput: {ThroughputLevels:N0} levels, concurrency {concurrency}, latency {ThroughputLatency.TotalMilliseconds:F0} ms | " +
            $"connector: {calls} calls, wall {watch.Elapsed.TotalMilliseconds:F0} ms | " +
            $"ceiling {calls} calls / {concurrency} x {ThroughputLatency.TotalMilliseconds:F0} ms = {ceiling.TotalMilliseconds:F0} ms => {ceiling / watch.Elapsed:P0} of ceiling | " +
            $"raw HttpClient baseline (same batches, same concurrency): {baselineBefore.TotalMilliseconds:F0} / {baselineAfter.TotalMilliseconds:F0} ms => {ceiling / baseline:P0} of ceiling; connector / baseline {watch.Elapsed / baseline:F2} | " +
            $"process CPU per call (client and emulator): connector {cpu.TotalMilliseconds / calls:F1} ms, baseline {baselineCpu.TotalMilliseconds / rawBatches.Count:F1} ms; GCs gen0/1/2: connector {gc}, baseline {baselineGc} | warm-up pushes {1 + warmUps} (methods compiled in the last {jitted}, during the measured push {jitMeasured}) | max in flight at the emulator {shop.MaxInFlight}, adaptive limit {sp.GetRequiredService<ThrottleRegistry>().Get(TestHost.Channel).CurrentLimit} | " +
            $"load average {LoadAverage()}");
        TestContext.Current.SendDiagnosticMessage(report);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
    }

    private static GcCount GcCounts() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    private readonly record struct GcCount(int Gen0, int Gen1, int Gen2)
    {
        public static GcCount operator -(GcCount a, GcCount b) => new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Gen0}/{Gen1}/{Gen2}");
    }

    /// <summary>
    /// The baseline: a bare <see cref="HttpClient"/> posting pre-serialised <c>products/batch</c> bodies with
    /// <c>concurrency</c> requests in flight, signing each with OAuth 1.0a as the emulator demands, checking the status
    /// and reading the body without parsing it. No throttle, no resilience pipeline, no mapping of results.
    /// </summary>
    private sealed class RawBatchClient(WooCommerceEmulator shop, int concurrency) : IDisposable
    {
        private readonly HttpClient _http = new();

        public static byte[] Body(long[] ids, Func<long, int> quantity)
        {
            var sb = new StringBuilder("{\"update\":[");
            foreach (var id in ids)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id},\"manage_stock\":true,\"stock_quantity\":{quantity(id)}}},");
            }

            sb.Length--;
            sb.Append("]}");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        public async Task<TimeSpan> PushAsync(IReadOnlyList<byte[]> bodies, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(
                bodies,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (body, ct) =>
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                    using var response = await _http.PostAsync(SignedUri(), content, ct);
                    var bytes = await response.Content.ReadAsByteArrayAsync(ct);
                    Assert.True(response.IsSuccessStatusCode && bytes.Length > 0, $"baseline batch answered {(int)response.StatusCode}");
                }).ConfigureAwait(false);
            return watch.Elapsed;
        }

        public void Dispose() => _http.Dispose();

        private Uri SignedUri()
        {
            var uri = new Uri(shop.BaseUrl, "products/batch");
            var oauth = new List<KeyValuePair<string, string>>
            {
                new("oauth_consumer_key", shop.ConsumerKey),
                new("oauth_nonce", OAuth1Encoding.NewNonce()),
                new("oauth_signature_method", "HMAC-SHA256"),
                new("oauth_timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            };
            var signature = OAuth1Signer.Sign(OAuth1Signer.BaseString("POST", OAuth1Signer.SigningUrl(uri, null), oauth), shop.ConsumerSecret, WooCommerceSignatureMethod.HmacSha256);
            oauth.Add(new("oauth_signature", signature));
            return new Uri(uri + "?" + string.Join('&', oauth.Select(p => p.Key + "=" + OAuth1Encoding.Encode(p.Value))));
        }
    }
}
