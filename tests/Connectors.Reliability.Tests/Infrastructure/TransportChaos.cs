using System.Net.Sockets;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>
/// Transport faults the emulators cannot produce themselves, injected at the bottom of every connector HttpClient
/// (below the resilience pipeline, as the network would): connection resets before the request is sent, resets after
/// the shop processed it (the answer is lost, so a retry must not do the write twice), and stalls longer than the
/// attempt timeout. Every <see cref="Every"/>-th request gets one, cycling through the kinds.
/// </summary>
internal sealed class TransportChaos
{
    private long _requests;
    private long _resetsBefore;
    private long _resetsAfter;
    private long _timeouts;

    /// <summary>One request in this many gets a fault; 0 turns the chaos off.</summary>
    public int Every { get; set; }

    /// <summary>How long a stalled request waits (longer than the clients' attempt timeout).</summary>
    public TimeSpan Stall { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Whether writes (POST/PUT) also get "reset after send"; default off (see the known gap in docs/reliability.md).</summary>
    public bool ResetWritesAfterSend { get; set; } = Environment.GetEnvironmentVariable("CONNECTORS_CHAOS_RESET_WRITES") is not null;

    public long ResetsBeforeSend => Interlocked.Read(ref _resetsBefore);

    public long ResetsAfterSend => Interlocked.Read(ref _resetsAfter);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    public long Total => ResetsBeforeSend + ResetsAfterSend + Timeouts;

    public HttpMessageHandler CreateHandler() => new Handler(this) { InnerHandler = new SocketsHttpHandler() };

    private sealed class Handler(TransportChaos chaos) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var every = chaos.Every;
            var n = Interlocked.Increment(ref chaos._requests);
            if (every <= 0 || n % every != 0)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var kind = (n / every) % 3;
            if (kind == 1 && request.Method != HttpMethod.Get && !chaos.ResetWritesAfterSend)
            {
                // Known gap (docs/reliability.md): the HTTP pipelines retry a write whose answer was lost, so a Shopify
                // fulfillmentCreate or a WooCommerce note can be sent twice. Off by default until that is fixed.
                kind = 0;
            }

            switch (kind)
            {
                case 0:
                    Interlocked.Increment(ref chaos._resetsBefore);
                    throw new HttpRequestException("Connection reset by peer (injected)", new SocketException((int)SocketError.ConnectionReset));
                case 1:
                    var response = await base.SendAsync(request, cancellationToken);
                    response.Dispose();
                    Interlocked.Increment(ref chaos._resetsAfter);
                    throw new HttpRequestException("Connection reset by peer after the request was sent (injected)", new SocketException((int)SocketError.ConnectionReset));
                default:
                    Interlocked.Increment(ref chaos._timeouts);
                    await Task.Delay(chaos.Stall, cancellationToken); // the attempt timeout cancels this
                    return await base.SendAsync(request, cancellationToken);
            }
        }
    }
}
