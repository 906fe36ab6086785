using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Orders.Internal;

/// <summary>
/// What of a channel order the engine decides on, as a short tag: its status, payment and fulfilment status, and its
/// lines with the units the shop holds for them and shows fulfilled. A channel's updated-at is the order's version, but it can be coarse:
/// WooCommerce's <c>date_modified</c> has whole seconds, so a payment in the same second as an earlier change (the
/// engine's own hold acknowledgement, or the order's creation) keeps the version the engine already processed. The tag
/// tells two contents of one version apart, so the later one is neither dropped as a duplicate inbox item nor decided
/// as "seen already".
/// </summary>
internal static class OrderContent
{
    public static string Tag(ChannelOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{order.Status}|{order.PaymentStatus}|{order.FulfillmentStatus}");
        foreach (var line in order.Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{line.LineId}:{line.ChannelItemId}:{line.Quantity}:{line.StockHeld}");

            // Only when set, so the tag of a channel that never reports fulfilled units stays what it was (inbox ids).
            if (line.FulfilledQuantity != 0)
            {
                text.Append(CultureInfo.InvariantCulture, $":f{line.FulfilledQuantity}");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    /// <summary>Whether two versions of an order carry the same content for the engine's decisions.</summary>
    public static bool Same(ChannelOrder a, ChannelOrder b) => string.Equals(Tag(a), Tag(b), StringComparison.Ordinal);
}
