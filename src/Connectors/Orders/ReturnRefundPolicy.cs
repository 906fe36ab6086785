namespace Connectors.Orders;

/// <summary>Whether confirming a received return on the channel also asks it to refund the buyer.</summary>
public enum ReturnRefundPolicy
{
    /// <summary>Never refund automatically; the merchant refunds by hand. The default.</summary>
    Never = 0,

    /// <summary>Refund when the WMS reports the return received (where the channel supports it).</summary>
    WhenReceived,
}
