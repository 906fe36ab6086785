namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Takes the expected returns when <see cref="SapEwmOptions.CreateCustomerReturns"/> is <see langword="false"/>: for
/// systems where returns enter SAP another way (a returns portal, EDI, a carrier's returns service), so the adapter
/// creates no S/4HANA customer return. Registered by the host in the service collection.
/// </summary>
public interface ISapEwmReturnHandler
{
    /// <summary>Takes one expected return; the engine may call again for the same return after a lost answer.</summary>
    /// <param name="expectedReturn">The return the channel announced.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted with the host's reference for the return, or refused with the reason.</returns>
    Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default);
}
