using Connectors.Reliability.Tests.Infrastructure;

namespace Connectors.Reliability.Tests;

/// <summary>
/// Scenario 6: every log message and exception text of a full run (all flows, faults, forged and malformed webhooks),
/// captured at Trace from every category, holds no access token, consumer secret or webhook secret.
/// </summary>
public sealed class SecretLeakTests
{
    [Fact]
    public async Task FullRun_LogsAtTrace_ContainNoSecret()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var logs = new LogCapture();
        var report = await new ChaosScenario(new ChaosSettings { Logs = logs, OrdersPerShop = 5, Skus = 6, Seed = 11 }, output.WriteLine)
            .RunAsync(TestContext.Current.CancellationToken);
        output.WriteLine(report.ToText());
        var entries = logs.Entries;
        var secrets = new[] { "shpat_7d1e9b3c5a8f2e4d6c0b", "shpss_2b4d6f8a0c1e3a5c7e9b", "cs_5e7a9c1b3d5f7a9c1e3b5d7f", Shops.WooWebhookSecret };
        var leaks = secrets.SelectMany(s => logs.Containing(s).Select(e => (Secret: s[..6] + "…", Entry: e))).ToList();
        output.WriteLine($"log entries captured: {entries.Count} ({entries.Sum(e => e.Length)} characters), secrets checked: {secrets.Length}, leaks: {leaks.Count}");
        foreach (var (secret, entry) in leaks.Take(10))
        {
            output.WriteLine($"LEAK of {secret}: {entry.Replace(secrets[0], "***", StringComparison.Ordinal)}");
        }

        Assert.True(entries.Count > 100, $"only {entries.Count} log entries were captured: the run did not log at Trace");
        Assert.Contains(entries, e => e.Contains("webhook", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(leaks);
    }
}
