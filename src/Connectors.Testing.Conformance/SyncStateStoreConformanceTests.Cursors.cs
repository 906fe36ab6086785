using Xunit;

namespace Connectors.Testing;

public abstract partial class SyncStateStoreConformanceTests
{
    /// <summary>A cursor is deleted only at the version read; once deleted it is set again from version 0.</summary>
    [Fact]
    public async Task TryDeleteCursor_StaleVersionRefused_CurrentDeletesAndSetStartsAgain()
    {
        var store = await CreateStoreAsync();
        Assert.True(await store.TrySetCursorAsync("a", "lock|1", "token-1", 0, Ct));
        Assert.True(await store.TrySetCursorAsync("a", "lock|1", "token-2", 1, Ct));
        Assert.True(await store.TrySetCursorAsync("a", "other", "x", 0, Ct));

        Assert.False(await store.TryDeleteCursorAsync("a", "lock|1", 1, Ct));
        Assert.Equal("token-2", (await store.GetCursorAsync("a", "lock|1", Ct))!.Value);
        Assert.True(await store.TryDeleteCursorAsync("a", "lock|1", 2, Ct));
        Assert.False(await store.TryDeleteCursorAsync("a", "lock|1", 2, Ct));

        Assert.Null(await store.GetCursorAsync("a", "lock|1", Ct));
        Assert.NotNull(await store.GetCursorAsync("a", "other", Ct));
        Assert.False(await store.TrySetCursorAsync("a", "lock|1", "token-3", 2, Ct));
        Assert.True(await store.TrySetCursorAsync("a", "lock|1", "token-3", 0, Ct));
        Assert.Equal(("token-3", 1L), ((await store.GetCursorAsync("a", "lock|1", Ct))!.Value, (await store.GetCursorAsync("a", "lock|1", Ct))!.Version));
    }
}
