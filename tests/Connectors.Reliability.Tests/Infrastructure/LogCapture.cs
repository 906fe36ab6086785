using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>A logger provider that keeps every message, its state values and exception text, at every level.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    /// <summary>The entries that contain <paramref name="secret"/> (ordinal).</summary>
    public IReadOnlyList<string> Containing(string secret) =>
        [.. _entries.Where(e => e.Contains(secret, StringComparison.Ordinal))];

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"scope {category}: {state}");
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

            entries.Enqueue(text);
        }
    }
}
