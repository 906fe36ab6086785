using Microsoft.Extensions.Options;
using Polly.Telemetry;

namespace Connectors.Internal;

/// <summary>
/// Lowers the log level of the retries this package's HTTP pipelines absorb (issue 19 item 11): Polly logs every retry
/// and every handled attempt at Warning, which floods a log for calls that then succeed. For pipelines of this package
/// only (their names start with the HTTP client name, which carries the channel), a retry and an attempt timeout are
/// Information and a handled attempt is Debug; circuit-breaker and other events keep Polly's level, and a call that
/// still fails reaches the engine, which logs its own retry or dead letter. Other pipelines of the host are untouched.
/// </summary>
/// <remarks>
/// One source file compiled into each platform package that uses it (linked from <c>src/Shared</c>), so every package
/// has its own internal copy of the type and registering one package's instance never replaces another's.
/// </remarks>
/// <param name="pipelinePrefix">The start of the names of this package's pipelines.</param>
internal sealed class ResilienceLogSeverity(string pipelinePrefix) : IConfigureOptions<TelemetryOptions>
{
    /// <summary>The start of the pipeline names whose events this instance re-levels.</summary>
    internal string PipelinePrefix { get; } = pipelinePrefix;

    public void Configure(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var previous = options.SeverityProvider;
        options.SeverityProvider = args =>
            args.Source.PipelineName?.StartsWith(PipelinePrefix, StringComparison.Ordinal) == true
                ? Severity(args.Event)
                : previous?.Invoke(args) ?? args.Event.Severity;
    }

    private static ResilienceEventSeverity Severity(ResilienceEvent resilienceEvent) => resilienceEvent.EventName switch
    {
        "OnRetry" or "OnTimeout" or "OnHedging" => ResilienceEventSeverity.Information,
        "ExecutionAttempt" => ResilienceEventSeverity.Debug,
        _ => resilienceEvent.Severity,
    };
}
