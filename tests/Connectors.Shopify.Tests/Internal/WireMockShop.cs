using System.Net;
using System.Net.Sockets;
using WireMock.Server;
using WireMock.Settings;

namespace Connectors.Shopify.Tests.Internal;

/// <summary>A WireMock server on 127.0.0.1 and a free port.</summary>
internal static class WireMockShop
{
    public const string GraphPath = "/admin/api/2026-01/graphql.json";

    public static WireMockServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"] });
    }

    public static Uri Address(this WireMockServer server) => new(server.Urls[0] + "/");

    /// <summary>Shopify's documented THROTTLED answer (HTTP 200, errors[].extensions.code, extensions.cost).</summary>
    public static string Throttled(double available, double restoreRate = 100, double requested = 10) =>
        """{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"}}],"extensions":{"cost":{"requestedQueryCost":"""
        + N(requested) + ""","actualQueryCost":null,"throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":""" + N(available)
        + ""","restoreRate":""" + N(restoreRate) + "}}}}";

    public static string Cost(double requested, double actual, double available) =>
        """{"cost":{"requestedQueryCost":""" + N(requested) + ""","actualQueryCost":""" + N(actual)
        + ""","throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":""" + N(available) + ""","restoreRate":100.0}}}""";

    private static string N(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs <paramref name="task"/> while moving fake time forward in small steps.</summary>
    public static async Task<T> WithTime<T>(this Task<T> task, Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        while (!task.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(5);
        }

        return await task;
    }
}
