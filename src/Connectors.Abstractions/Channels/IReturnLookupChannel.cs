namespace Connectors;

/// <summary>A channel with return requests that can read one return by its id (for a <see cref="ReturnNoticeEvent"/>).</summary>
public interface IReturnLookupChannel : IReturnChannel
{
    /// <summary>Reads one return request as <see cref="IReturnChannel.ListReturnRequestsAsync"/> lists it.</summary>
    /// <param name="returnId">The channel's id of the return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The request, or <see langword="null"/> when the return exists but asks nothing of the warehouse (declined, cancelled
    /// or closed, or no line left to return).
    /// </returns>
    /// <exception cref="ConnectorNotFoundException">The channel has no such return.</exception>
    Task<ReturnRequest?> GetReturnRequestAsync(string returnId, CancellationToken cancellationToken = default);
}
