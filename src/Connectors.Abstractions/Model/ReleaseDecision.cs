namespace Connectors;

/// <summary>What the release rules decide for an order before it goes to the warehouse.</summary>
public enum ReleaseDecision
{
    /// <summary>Submit to the warehouse now.</summary>
    Release = 0,

    /// <summary>Keep it back (for example until it is paid); its units stay reserved against oversell.</summary>
    Hold,

    /// <summary>Do not fulfil it (for example a failed payment); it is dead-lettered with the reason.</summary>
    Reject,
}
