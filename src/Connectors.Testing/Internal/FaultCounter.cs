namespace Connectors.Testing.Internal;

/// <summary>Counts down injected faults without letting concurrent callers take more than were asked for.</summary>
internal static class FaultCounter
{
    public static bool TryConsume(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
