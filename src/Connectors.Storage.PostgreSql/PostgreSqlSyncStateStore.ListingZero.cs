using Connectors.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>
/// The listing actions' zero lists (schema version 7): one row per channel and item; a replace is one transaction, so
/// a host reading sees the old list or the new one. The change counter (schema version 8) is one row, bumped in the
/// replace's transaction: its row lock also puts concurrent replaces one after the other.
/// </summary>
public sealed partial class PostgreSqlSyncStateStore : IListingZeroStore
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetZeroedListingItemsAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT item FROM {_s}.listing_zero WHERE channel = @c", connection);
        command.Parameters.AddWithValue("c", channel);
        var ids = new List<string>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <inheritdoc />
    public async ValueTask ReplaceZeroedListingItemsAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken = default)
    {
        var ids = ListingZeroChecks.Check(channel, channelItemIds);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        using (var replace = new NpgsqlCommand(
            $"""
            UPDATE {_s}.listing_zero_version SET version = version + 1 WHERE id = 1;
            DELETE FROM {_s}.listing_zero WHERE channel = @c;
            INSERT INTO {_s}.listing_zero (channel, item) SELECT @c, i FROM unnest(@i) AS u(i);
            """,
            connection,
            transaction))
        {
            replace.Parameters.AddWithValue("c", channel);
            replace.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
            await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<long> GetZeroedListingVersionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT version FROM {_s}.listing_zero_version WHERE id = 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? version : 0L;
    }
}
