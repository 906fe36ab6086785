using System.Net;

namespace Connectors.WooCommerce.Internal;

/// <summary>Passes every attempt through the shop's <see cref="AdaptiveThrottle"/> and feeds the outcome back.</summary>
internal sealed class ThrottleHandler(AdaptiveThrottle throttle, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var slot = await throttle.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            throttle.Record(time.GetElapsedTime(started), (int)response.StatusCode, RetryAfter(response, time));
            return response;
        }
        catch (HttpRequestException)
        {
            throttle.Record(time.GetElapsedTime(started), null, null);
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throttle.Record(time.GetElapsedTime(started), null, null);
            throw;
        }
    }

    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
