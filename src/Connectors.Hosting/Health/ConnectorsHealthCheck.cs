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
        // Counted in the store: a probe must not read every dead letter (payloads included) each time it runs.
        var deadLetters = await store.CountDeadLettersAsync(cancellationToken).ConfigureAwait(false);

        foreach (var name in channels.Names)
        {
            var waiting = deadLetters.GetValueOrDefault(name);
            data[$"{name}.dead_letters"] = waiting;
            if (waiting >= options.Value.DeadLetterDegradedThreshold)
            {
                problems.Add($"{name}: {waiting} dead letters waiting");
            }

            Report(name, activity.Get(name), data, problems);
        }

        Report(ChannelActivity.Warehouse, activity.Get(ChannelActivity.Warehouse), data, problems);
        return problems.Count == 0
            ? HealthCheckResult.Healthy($"{channels.Names.Count} channels healthy", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data);
    }

    /// <summary>
    /// Adds a subject's latest success and failure over all workers to the data, and one problem per worker whose latest
    /// call failed (a channel whose orders poll fine is still degraded while every inventory push fails).
    /// </summary>
    private static void Report(string subject, IReadOnlyList<ChannelActivity.Entry> entries, Dictionary<string, object> data, List<string> problems)
    {
        DateTimeOffset? lastSuccess = null, lastFailure = null;
        string? lastError = null;
        foreach (var entry in entries)
        {
            if (entry.LastSuccess is { } success && (lastSuccess is null || success > lastSuccess))
            {
                lastSuccess = success;
            }

            if (entry.LastFailure is { } failure && (lastFailure is null || failure > lastFailure))
            {
                lastFailure = failure;
                lastError = entry.LastFailureReason;
            }

            if (entry.Failing)
            {
                data[$"{subject}.{entry.Worker}.failing"] = entry.LastFailureReason ?? string.Empty;
                problems.Add($"{subject}: {entry.Worker} failed ({entry.LastFailureReason})");
            }
        }

        if (lastSuccess is { } s)
        {
            data[$"{subject}.last_success"] = s.ToString("O", CultureInfo.InvariantCulture);
        }

        if (lastFailure is { } f)
        {
            data[$"{subject}.last_failure"] = f.ToString("O", CultureInfo.InvariantCulture);
            data[$"{subject}.last_error"] = lastError ?? string.Empty;
        }
    }
}
