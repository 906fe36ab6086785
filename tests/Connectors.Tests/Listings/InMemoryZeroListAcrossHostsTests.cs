using Connectors.State;

namespace Connectors.Tests.Listings;

/// <summary>The zero list across hosts over one in-memory store (the hosts of one process).</summary>
public sealed class InMemoryZeroListAcrossHostsTests : ZeroListAcrossHostsTests
{
    protected override ValueTask<(ISyncStateStore HostA, ISyncStateStore HostB)> CreateStoresAsync()
    {
        var store = new InMemorySyncStateStore();
        return ValueTask.FromResult<(ISyncStateStore, ISyncStateStore)>((store, store));
    }
}
