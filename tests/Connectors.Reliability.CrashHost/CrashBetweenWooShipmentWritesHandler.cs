namespace Connectors.Reliability.CrashHost;

/// <summary>
/// A deterministic crash point below the WooCommerce client: SIGKILL to this process right after the n-th successful
/// shipment note, that is between the two writes of a WooCommerce shipment (the order note first, the shipment meta
/// that marks it complete second).
/// </summary>
internal sealed class CrashBetweenWooShipmentWritesHandler(int occurrence) : DelegatingHandler
{
    private static int s_count;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isShipmentNote = request.Method == HttpMethod.Post
            && request.RequestUri?.AbsolutePath.EndsWith("/notes", StringComparison.Ordinal) == true
            && request.Content is not null
            && (await request.Content.ReadAsStringAsync(cancellationToken)).Contains("[connectors:shipment:", StringComparison.Ordinal);
        var response = await base.SendAsync(request, cancellationToken);
        if (isShipmentNote && response.IsSuccessStatusCode && Interlocked.Increment(ref s_count) == occurrence)
        {
            SqliteWarehouse.Crash();
        }

        return response;
    }
}
