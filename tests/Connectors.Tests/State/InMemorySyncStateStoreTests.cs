using Connectors.State;
using Connectors.Testing;

namespace Connectors.Tests.State;

public class InMemorySyncStateStoreTests : SyncStateStoreConformanceTests
{
    protected override ValueTask<ISyncStateStore> CreateStoreAsync() => ValueTask.FromResult<ISyncStateStore>(new InMemorySyncStateStore());

    [Fact]
    public async Task SetDesiredInventory_NegativeQuantity_ThrowsNamingRow()
    {
        var store = new InMemorySyncStateStore();

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(
            async () => await store.SetDesiredInventoryAsync([new DesiredInventory
            {
                Key = new InventoryKey("a", "i1", "L1"),
                Quantity = -1,
            }], T0, Ct));

        Assert.Contains("a/i1@L1", error.Message, StringComparison.Ordinal);
    }
}
