using System.Net;
using System.Net.Sockets;

namespace Csol.Silo.Hosting;

public static class LoopbackPort
{
    /// <summary>A TCP port nobody listens on right now (asked of the OS, so parallel runs do not collide).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
