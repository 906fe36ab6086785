namespace Connectors.Internal;

/// <summary>
/// A value a channel reads from its platform on first use and then keeps (a shop's currency, a store's time zone), read
/// by one request however many callers ask at once. A failed read is forgotten, so the next caller reads again instead
/// of every later caller getting the same old failure. Linked as source from <c>src/Shared</c> into each package that
/// uses it.
/// </summary>
/// <typeparam name="T">The value read.</typeparam>
/// <param name="read">Reads the value; called again only after a read failed.</param>
internal sealed class ReadOnce<T>(Func<Task<T>> read)
{
    private Task<T>? _read;

    /// <summary>The value, read now if no read succeeded or is under way.</summary>
    /// <param name="cancellationToken">Stops this caller's wait; the read itself goes on for the others.</param>
    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _read);
        if (current is null)
        {
            var started = read();
            current = Interlocked.CompareExchange(ref _read, started, null) ?? started;
        }

        try
        {
            return await current.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _ = Interlocked.CompareExchange(ref _read, null, current);
            throw;
        }
    }
}
