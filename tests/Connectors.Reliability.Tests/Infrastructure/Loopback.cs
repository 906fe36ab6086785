using System.Net;
using System.Net.Sockets;

namespace Connectors.Reliability.Tests.Infrastructure;

internal static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
