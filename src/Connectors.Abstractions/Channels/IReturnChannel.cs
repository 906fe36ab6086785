namespace Connectors;

/// <summary>A channel with return requests.</summary>
public interface IReturnChannel : IChannel
{
    /// <summary>Return requests made at or after <paramref name="since"/>, paging internally.</summary>
    /// <param name="since">The lower bound of <see cref="ReturnRequest.RequestedAt"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The requests.</returns>
    IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Confirms on the channel that returned items arrived. Idempotent on the confirmation's key.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the channel has it.</returns>
    Task ConfirmReturnAsync(ReturnConfirmation confirmation, CancellationToken cancellationToken = default);
}
