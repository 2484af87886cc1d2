using System.Net;
using System.Net.Sockets;
using AgentHub.Integrations.Http;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// The resolver every test host uses: it resolves nothing, so a request that was not pointed at a loopback fake
/// provider fails at name resolution and no connection to a real provider is ever attempted.
/// </summary>
public sealed class NoNetworkResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        throw new SocketException((int)SocketError.HostNotFound);
}
