using Connectors.State;

namespace Connectors.Tests.Inventory;

public sealed class InMemoryParkedInventoryOutageTests : ParkedInventoryOutageTests
{
    protected override ValueTask<ISyncStateStore> CreateStoreAsync() => ValueTask.FromResult<ISyncStateStore>(new InMemorySyncStateStore());
}
