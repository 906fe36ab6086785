using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>A logger provider that keeps every message, its state values and exception text, at every level.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(TimeSpan At, string Text)> _entries = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<string> Entries => [.. _entries.Select(e => e.Text)];

    /// <summary>The entries prefixed with the seconds since this capture started, so a run's history reads in order.</summary>
    public IReadOnlyList<string> TimedEntries => [.. _entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.At.TotalSeconds,7:0.000}s {e.Text}"))];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries, _clock);

    public void Dispose()
    {
    }

    /// <summary>Records what the test itself did (placed, paid, cancelled an order), so the log reads as one history.</summary>
    public void Note(string text) => _entries.Enqueue((_clock.Elapsed, "Test " + text));

    /// <summary>The entries that contain <paramref name="secret"/> (ordinal).</summary>
    public IReadOnlyList<string> Containing(string secret) =>
        [.. _entries.Where(e => e.Text.Contains(secret, StringComparison.Ordinal)).Select(e => e.Text)];

    private sealed class CapturingLogger(string category, ConcurrentQueue<(TimeSpan, string)> entries, Stopwatch clock) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue((clock.Elapsed, $"scope {category}: {state}"));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                text += " {" + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) + "}";
            }

            if (exception is not null)
            {
                text += Environment.NewLine + exception;
            }

            entries.Enqueue((clock.Elapsed, text));
        }
    }
}
