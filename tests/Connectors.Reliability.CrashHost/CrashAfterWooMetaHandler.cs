namespace Connectors.Reliability.CrashHost;

/// <summary>
/// A deterministic crash point below the WooCommerce client: SIGKILL to this process right after the n-th successful
/// order update that writes the connector's shipment meta, that is between the two writes of a WooCommerce shipment
/// (order meta first, order note second).
/// </summary>
internal sealed class CrashAfterWooMetaHandler(int occurrence) : DelegatingHandler
{
    private static int s_count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isShipmentMeta = request.Method == HttpMethod.Put
            && request.RequestUri?.AbsolutePath.Contains("/orders/", StringComparison.Ordinal) == true
            && request.Content is not null
            && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains("_connectors_shipments", StringComparison.Ordinal);
        var response = await base.SendAsync(request, cancellationToken);
        if (isShipmentMeta && response.IsSuccessStatusCode && Interlocked.Increment(ref s_count) == occurrence)
        {
            SqliteWarehouse.Crash();
        }

        return response;
    }
}
