using System.Net;
using System.Net.Sockets;

namespace Rebel.Torch.Tests.Distributed;

/// <summary>A TCP port free on the loopback interface, for a test's process-group store (linked into the test projects that start ranks).</summary>
internal static class LocalPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
