using System.Globalization;
using Connectors.Hosting.Internal;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Health;

/// <summary>
/// One check over every channel: last success and last failure of the workers, dead letters waiting. Degraded when
/// a channel's latest call failed or dead letters reach the threshold; the data names the channel.
/// </summary>
internal sealed class ConnectorsHealthCheck(
    IChannelRegistry channels,
    ISyncStateStore store,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var problems = new List<string>();
        var deadLetters = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        await foreach (var letter in store.ListDeadLettersAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deadLetters[letter.Channel] = deadLetters.GetValueOrDefault(letter.Channel) + 1;
        }

        foreach (var name in channels.Names)
        {
            var waiting = deadLetters.GetValueOrDefault(name);
            data[$"{name}.dead_letters"] = waiting;
            if (waiting >= options.Value.DeadLetterDegradedThreshold)
            {
                problems.Add($"{name}: {waiting} dead letters waiting");
            }

            if (activity.Get(name) is { } entry)
            {
                if (entry.LastSuccess is { } success)
                {
                    data[$"{name}.last_success"] = success.ToString("O", CultureInfo.InvariantCulture);
                }

                if (entry.LastFailure is { } failure)
                {
                    data[$"{name}.last_failure"] = failure.ToString("O", CultureInfo.InvariantCulture);
                    data[$"{name}.last_error"] = entry.LastFailureReason ?? string.Empty;
                    if (entry.LastSuccess is null || failure > entry.LastSuccess)
                    {
                        problems.Add($"{name}: last call failed ({entry.LastFailureReason})");
                    }
                }
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy($"{channels.Names.Count} channels healthy", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }
}
