using System.Diagnostics;

namespace Connectors.Samples.Tests;

/// <summary>Issue 19 item 10: the built console sample, run as a user runs it, answers a bad command line with exit code 2.</summary>
public sealed class ConsoleHostProcessTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Connectors.Samples.ConsoleHost.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The sample with '{string.Join(' ', args)}' did not exit within 60 s; a usage error must stop it at once.");
        }

        return (process.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData("--skuz", "5")]
    [InlineData("--skus", "many")]
    public async Task Run_BadCommandLine_ExitCode2WithAShortErrorAndNoStackTrace(params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Help_ExitCode0AndListsTheOptions()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("--dry-run", output, StringComparison.Ordinal);
        Assert.Contains("--skus <N>", output, StringComparison.Ordinal);
    }
}
