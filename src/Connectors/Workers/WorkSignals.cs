namespace Connectors;

/// <summary>
/// The engine's wake-up signals, one per kind of work a hosted worker drains: the inventory flow notifies
/// <see cref="Inventory"/> when it stored new desired quantities, the order flow <see cref="Inbox"/> when it queued an
/// order or return event, the fulfilment flow <see cref="Outbox"/> when it queued a shipment, return or delivery
/// update. In-process only: work queued by another host waits for the worker's idle delay.
/// <para>
/// <c>AddConnectors()</c> registers one instance as a singleton; resolve it to wait for work in a host's own loops
/// (<c>Connectors.Hosting</c>'s workers do). Each signal suits one waiting loop: see <see cref="WorkSignal"/>.
/// </para>
/// </summary>
public sealed class WorkSignals
{
    /// <summary>Notified when the inventory flow stored new desired quantities (a stock event, a reservation, a full sync).</summary>
    public WorkSignal Inventory { get; } = new();

    /// <summary>Notified when the order flow queued an order or return event in the inbox.</summary>
    public WorkSignal Inbox { get; } = new();

    /// <summary>Notified when the fulfilment flow queued a shipment, return confirmation or delivery update in the outbox.</summary>
    public WorkSignal Outbox { get; } = new();

    /// <summary>Notified when the price flow stored new desired prices (published base prices, a reprice, a released hold).</summary>
    public WorkSignal Prices { get; } = new();

    /// <summary>Notified when <see cref="NextPriceChangeAt"/> moved earlier, so a loop sleeping until it re-plans.</summary>
    public WorkSignal PriceSchedule { get; } = new();

    /// <summary>
    /// The earliest time at which a price the engine computed in this process changes by time alone (a sale starting
    /// or ending: <see cref="PriceCalculation.ChangesAt"/>), when <see cref="IPriceSync.RepriceAsync"/> must run, or
    /// <see langword="null"/> when none is known. A reprice sets it from everything it computed; publishing base prices
    /// can only bring it earlier.
    /// </summary>
    public DateTimeOffset? NextPriceChangeAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _nextPriceChange);
            return ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    private long _nextPriceChange = long.MaxValue;

    /// <summary>Brings <see cref="NextPriceChangeAt"/> to <paramref name="at"/> when that is earlier (a partial computation).</summary>
    internal void OfferPriceChange(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        long current;
        while (ticks < (current = Interlocked.Read(ref _nextPriceChange)))
        {
            if (Interlocked.CompareExchange(ref _nextPriceChange, ticks, current) == current)
            {
                PriceSchedule.Notify();
                return;
            }
        }
    }

    /// <summary>Sets <see cref="NextPriceChangeAt"/> from a computation of every price (a reprice).</summary>
    internal void SetPriceChange(DateTimeOffset? at)
    {
        var ticks = at?.UtcTicks ?? long.MaxValue;
        if (Interlocked.Exchange(ref _nextPriceChange, ticks) > ticks)
        {
            PriceSchedule.Notify();
        }
    }
}
