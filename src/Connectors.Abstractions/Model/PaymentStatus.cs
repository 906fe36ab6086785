namespace Connectors;

/// <summary>The payment state of a channel order, normalised across platforms.</summary>
public enum PaymentStatus
{
    /// <summary>The channel did not say.</summary>
    Unknown = 0,

    /// <summary>Payment has not been received yet (bank transfer, cash on delivery, pending capture).</summary>
    Pending,

    /// <summary>The payment is authorised but not yet captured.</summary>
    Authorized,

    /// <summary>Part of the total is paid.</summary>
    PartiallyPaid,

    /// <summary>The order is paid in full.</summary>
    Paid,

    /// <summary>Part of the payment was refunded.</summary>
    PartiallyRefunded,

    /// <summary>The payment was refunded in full.</summary>
    Refunded,

    /// <summary>The authorisation was voided.</summary>
    Voided,

    /// <summary>The payment failed.</summary>
    Failed,
}
