namespace Connectors;

/// <summary>What <see cref="IOrderSync.AcceptAsync"/> did with a channel event.</summary>
public enum InboxAcceptOutcome
{
    /// <summary>Written to the inbox; the next processing pass handles it.</summary>
    Accepted = 0,

    /// <summary>Already in the inbox (same delivery id, or the same version of the same order): nothing written.</summary>
    Duplicate,

    /// <summary>Older than the version already processed: nothing written.</summary>
    Stale,

    /// <summary>Not an order or return event (for example an inventory change): nothing written.</summary>
    Ignored,
}
