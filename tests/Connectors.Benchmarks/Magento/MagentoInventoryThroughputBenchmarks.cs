using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Connectors.Magento;
using Connectors.Testing.Magento;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Benchmarks.Magento;

/// <summary>
/// Stock levels per second into <see cref="MagentoEmulator"/> with 100 ms latency per request: 5,000 levels as 50
/// <c>POST /V1/inventory/source-items</c> batches of 100, 5 in flight. The latency-bound ceiling is
/// <c>ceil(50 / 5) x 100 ms = 1.0 s</c>, i.e. 5,000 levels per second. The baseline is a bare <see cref="HttpClient"/>
/// posting the same 50 pre-serialised batches at the same concurrency and reading each answer unparsed, in the same run.
/// Both authenticate with the integration token as bearer (the emulator allows it), so the ratio is the connector's own cost;
/// reservation compensation is off (it adds one order read before the batches, one request more than the ceiling counts).
/// </summary>
[InProcess] // the emulator and the client share the process; no generated project to build
public class MagentoInventoryThroughputBenchmarks
{
    private const int Levels = 5_000;
    private const int BatchSize = 100;
    private const int Concurrency = 5;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    private MagentoEmulator _emulator = null!;
    private ServiceProvider _services = null!;
    private MagentoChannel _channel = null!;
    private HttpClient _bare = null!;
    private InventoryTarget[] _targets = [];
    private byte[][] _bodies = [];
    private int _round;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await MagentoEmulator.StartAsync();
        _emulator.AllowIntegrationBearerTokens = true;
        for (var i = 0; i < Levels; i++)
        {
            _emulator.AddProduct($"SKU-{i:D5}");
        }

        _emulator.Latency = Latency;
        var services = new ServiceCollection();
        services.AddConnectors().AddMagento("bench", o =>
        {
            o.BaseUrl = _emulator.BaseUrl;
            o.AuthMode = MagentoAuthMode.BearerToken;
            o.AccessToken = _emulator.AccessToken;
            o.BatchSize = BatchSize;
            o.MaxConcurrency = Concurrency;
            o.CompensateReservations = false;
            o.MaxRetries = 0;
        });
        _services = services.BuildServiceProvider();
        _channel = (MagentoChannel)_services.GetRequiredService<IChannelRegistry>().GetChannel("bench");
        _bare = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency }) { BaseAddress = new Uri(_emulator.BaseUrl, "rest/default/V1/") };
        _bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.AccessToken);
        var ceiling = Math.Ceiling(Levels / (double)BatchSize / Concurrency) * Latency.TotalSeconds;
        Console.WriteLine($"// magento: levels={Levels} calls={Levels / BatchSize} concurrency={Concurrency} latency={Latency.TotalMilliseconds} ms ceiling={ceiling:0.000} s ({Levels / ceiling:0} levels/s)");
    }

    [IterationSetup]
    public void NextRound()
    {
        // New quantities every round, so each push writes values the store does not hold yet.
        _round++;
        _targets = Enumerable.Range(0, Levels).Select(i => new InventoryTarget($"SKU-{i:D5}", InventoryTarget.DefaultLocation, (i + _round) % 50)).ToArray();
        _bodies = _targets.Chunk(BatchSize).Select(chunk =>
        {
            var sb = new StringBuilder("{\"sourceItems\":[");
            sb.AppendJoin(',', chunk.Select(t => $"{{\"sku\":\"{t.ChannelItemId}\",\"source_code\":\"default\",\"quantity\":{t.Quantity},\"status\":{(t.Quantity > 0 ? 1 : 0)}}}"));
            return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
        }).ToArray();
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient, 50 batches")]
    public async Task<int> BareHttpClient()
    {
        var ok = 0;
        await Parallel.ForEachAsync(_bodies, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (body, ct) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _bare.PostAsync(new Uri("inventory/source-items", UriKind.Relative), content, ct);
            _ = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref ok);
            }
        });
        return ok == _bodies.Length ? Levels : throw new InvalidOperationException($"{_bodies.Length - ok} baseline batches failed.");
    }

    [Benchmark(Description = "MagentoChannel.PushInventoryAsync")]
    public async Task<int> Connector()
    {
        var results = await _channel.PushInventoryAsync(_targets);
        var applied = results.Count(r => r.Outcome == PushOutcome.Applied);
        return applied == Levels ? applied : throw new InvalidOperationException($"{Levels - applied} levels not applied: {results.First(r => r.Outcome != PushOutcome.Applied).Reason}");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _bare.Dispose();
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
    }
}
