using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

/// <summary>The channel against the emulator, through the DI front door.</summary>
public sealed partial class MagentoChannelTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private MagentoEmulator _emulator = null!;

    public async ValueTask InitializeAsync() => _emulator = await MagentoEmulator.StartAsync(_time, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Every request the connector made in the test conforms to both published OpenAPI documents.
        var problems = new List<string>();
        foreach (var contract in await OpenApiContract.AllAsync())
        {
            foreach (var request in _emulator.Requests)
            {
                problems.AddRange(contract.Check(request));
            }
        }

        await _emulator.DisposeAsync();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
