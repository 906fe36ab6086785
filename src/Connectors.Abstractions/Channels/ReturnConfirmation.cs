using Connectors.Internal;

namespace Connectors;

/// <summary>Tells a channel that returned items arrived, and whether to restock and refund.</summary>
public sealed record ReturnConfirmation
{
    /// <summary>Creates a confirmation.</summary>
    /// <param name="returnId">The channel's return id.</param>
    /// <param name="lines">The channel lines and quantities received.</param>
    /// <param name="restock">Whether the channel should restock.</param>
    /// <param name="refund">Whether the channel should refund, where it supports it and the options allow.</param>
    /// <param name="idempotencyKey">The WMS receipt id, so a retry confirms once.</param>
    /// <exception cref="ConnectorValidationException">A field is missing.</exception>
    public ReturnConfirmation(string returnId, IReadOnlyList<ReturnLine> lines, bool restock, bool refund, string idempotencyKey)
    {
        ReturnId = Guard.NotEmpty(returnId, nameof(ReturnId));
        Lines = Guard.NotNull(lines, nameof(Lines));
        Restock = restock;
        Refund = refund;
        IdempotencyKey = Guard.NotEmpty(idempotencyKey, nameof(IdempotencyKey));
    }

    /// <summary>The channel's return id.</summary>
    public string ReturnId { get; }

    /// <summary>The channel lines and quantities received.</summary>
    public IReadOnlyList<ReturnLine> Lines { get; }

    /// <summary>Whether the channel should restock.</summary>
    public bool Restock { get; }

    /// <summary>Whether the channel should refund.</summary>
    public bool Refund { get; }

    /// <summary>The WMS receipt id.</summary>
    public string IdempotencyKey { get; }
}
