namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>Waits for a condition the system converges to (no timing assertion: the deadline only stops a hung run).</summary>
internal static class Eventually
{
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return await condition();
    }

    public static Task<bool> WaitAsync(Func<bool> condition, TimeSpan deadline, CancellationToken cancellationToken) =>
        WaitAsync(() => Task.FromResult(condition()), deadline, cancellationToken);
}
