using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Connectors.Reliability.Tests;

/// <summary>
/// One life of the crash-restart child host (tests/Connectors.Reliability.CrashHost), started as <c>dotnet &lt;dll&gt;
/// &lt;config&gt;</c>. Its stdout lines are collected; <see cref="KillAsync"/> sends SIGKILL (Process.Kill on Linux): no
/// finally blocks, no flush, no graceful shutdown.
/// </summary>
internal sealed class CrashRestartChild : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();
    private int _shipped;
    private int _publishing;

    private CrashRestartChild(Process process)
    {
        _process = process;
    }

    /// <summary>Shipments this life handed to the engine ("shipped" lines).</summary>
    public int Shipped => Volatile.Read(ref _shipped);

    /// <summary>Shipments this life began to publish ("publishing" lines); one more than <see cref="Shipped"/> when killed in between.</summary>
    public int Publishing => Volatile.Read(ref _publishing);

    public bool HasStarted => _started.Task.IsCompleted;

    /// <summary>The last lines the child wrote to stderr (its warnings and errors).</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Starts a life; <paramref name="crashPoint"/> optionally names a deterministic crash point (VARIABLE, n) of the child.</summary>
    public static CrashRestartChild Start(string configFile, (string Variable, int Occurrence)? crashPoint = null)
    {
        var host = typeof(CrashRestartChild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashRestartHostPath").Value!;
        Assert.True(File.Exists(host), $"The crash-restart host was not built at {host}.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(configFile);
        if (crashPoint is { } point)
        {
            start.Environment[point.Variable] = point.Occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var process = new Process { StartInfo = start };
        var child = new CrashRestartChild(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "started")
            {
                child._started.TrySetResult();
            }
            else if (e.Data?.StartsWith("publishing ", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref child._publishing);
            }
            else if (e.Data?.StartsWith("shipped ", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref child._shipped);
            }
        };
        process.ErrorDataReceived += (sender, e) =>
        {
            if (e.Data is { } line)
            {
                child._errors.Enqueue(line);
                while (child._errors.Count > 200 && child._errors.TryDequeue(out _))
                {
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the host to have started its workers (or to have died).</summary>
    public async Task WaitStartedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(_started.Task, _process.WaitForExitAsync(cancellationToken), Task.Delay(timeout, cancellationToken));
        Assert.True(HasStarted, $"The crash-restart host did not start (exited: {_process.HasExited}). stderr: {string.Join(Environment.NewLine, _errors.TakeLast(20))}");
    }

    /// <summary>Waits until the child has killed itself at its crash point; false if it is still alive after the timeout.</summary>
    public async Task<bool> WaitExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.WhenAny(_process.WaitForExitAsync(cancellationToken), Task.Delay(timeout, cancellationToken));
        return _process.HasExited;
    }

    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            _process.Kill(); // SIGKILL
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
