using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.Shopify;

/// <summary>Network latency (<see cref="ShopifyEmulatorOptions.Latency"/>).</summary>
public sealed partial class ShopifyEmulator
{
    /// <summary>
    /// Holds every answer until <see cref="ShopifyEmulatorOptions.Latency"/> has passed since its request arrived. The
    /// request is served at once (the bucket is charged on arrival) and its answer buffered, so the emulator's own work
    /// lies inside the latency rather than being added to it; a client then sees the bucket as it was one latency ago,
    /// as it does over a real network.
    /// </summary>
    private async Task ApplyLatencyAsync(HttpContext context, RequestDelegate next)
    {
        var latency = _options.Latency;
        if (latency <= TimeSpan.Zero)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var arrived = Stopwatch.GetTimestamp();
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        // Task.Delay counts whole milliseconds (a fraction is dropped): wait again until the latency has really passed.
        for (var left = latency - Stopwatch.GetElapsedTime(arrived); left > TimeSpan.Zero; left = latency - Stopwatch.GetElapsedTime(arrived))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), context.RequestAborted).ConfigureAwait(false);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }
}
