using Connectors.Internal;
using Connectors.Storage.Sqlite.Internal;

namespace Connectors.Storage.Sqlite;

/// <summary>
/// The listing actions' zero lists (schema version 8): one row per channel and item; a replace is one immediate
/// transaction, so a reader sees the old list or the new one. The change counter (schema version 9) is one row, bumped
/// in the replace's transaction.
/// </summary>
public sealed partial class SqliteSyncStateStore : IListingZeroStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetZeroedListingItemsAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var ids = new List<string>();
        await foreach (var id in QueryAsync(
            "SELECT item_id FROM listing_zero WHERE channel = $channel ORDER BY item_id",
            [("$channel", channel)],
            static reader => reader.GetString(0),
            cancellationToken).ConfigureAwait(false))
        {
            ids.Add(id);
        }

        // SQLite's default BINARY collation orders UTF-8 bytes; the contract is ordinal (UTF-16) order.
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <inheritdoc />
    public async ValueTask ReplaceZeroedListingItemsAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken = default)
    {
        var ids = ListingZeroChecks.Check(channel, channelItemIds);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var bump = Command("UPDATE listing_zero_version SET version = version + 1 WHERE id = 1", scope.Transaction);
            await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var clear = Command("DELETE FROM listing_zero WHERE channel = $channel", scope.Transaction);
            clear.Parameters.AddWithValue("$channel", channel);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Length > 0)
            {
                var insert = Command("INSERT INTO listing_zero (channel, item_id) VALUES ($channel, $item)", scope.Transaction);
                insert.Parameters.AddWithValue("$channel", channel);
                var item = insert.Parameters.Add("$item", Microsoft.Data.Sqlite.SqliteType.Text);
                foreach (var id in ids)
                {
                    item.Value = id;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> GetZeroedListingVersionAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var version in QueryAsync(
            "SELECT version FROM listing_zero_version WHERE id = 1",
            [],
            static reader => reader.GetInt64(0),
            cancellationToken).ConfigureAwait(false))
        {
            return version;
        }

        return 0L;
    }
}
