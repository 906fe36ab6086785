namespace Connectors;

/// <summary>The WMS's returns intake, implemented by the host.</summary>
public interface IWarehouseReturns
{
    /// <summary>Announces a return the WMS should expect. Idempotent on channel and return id.</summary>
    /// <param name="expectedReturn">The expected return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, or refused with the reason.</returns>
    Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default);
}
