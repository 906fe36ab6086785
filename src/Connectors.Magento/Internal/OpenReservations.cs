namespace Connectors.Magento.Internal;

/// <summary>
/// The open reservations read from the store's open orders at one moment, kept per order so a later read can be followed
/// for the same orders only.
/// </summary>
internal sealed class OpenReservations
{
    private readonly Dictionary<long, Dictionary<string, decimal>> _byOrder;
    private readonly Dictionary<string, decimal> _totals = new(StringComparer.Ordinal);

    public OpenReservations(Dictionary<long, Dictionary<string, decimal>> byOrder)
    {
        _byOrder = byOrder;
        foreach (var lines in byOrder.Values)
        {
            foreach (var (sku, quantity) in lines)
            {
                _totals[sku] = _totals.GetValueOrDefault(sku) + quantity;
            }
        }

        // Magento reserves whole units of a product that is not sold in decimals; a fraction left by a part refund counts as one.
        foreach (var sku in _totals.Keys.ToList())
        {
            _totals[sku] = Math.Ceiling(_totals[sku]);
        }
    }

    public static OpenReservations None { get; } = new([]);

    /// <summary>The open reservation of a SKU over these orders, rounded up; zero when none holds it.</summary>
    public decimal Of(string sku) => _totals.GetValueOrDefault(sku);

    /// <summary>
    /// These orders as <paramref name="later"/> sees them: an order no longer open (shipped in full, cancelled, closed)
    /// holds nothing, a part shipment holds what is left; orders placed since are not taken in.
    /// </summary>
    public OpenReservations AsNow(OpenReservations later)
    {
        var followed = new Dictionary<long, Dictionary<string, decimal>>();
        foreach (var orderId in _byOrder.Keys)
        {
            if (later._byOrder.TryGetValue(orderId, out var lines))
            {
                followed[orderId] = lines;
            }
        }

        return new OpenReservations(followed);
    }
}
