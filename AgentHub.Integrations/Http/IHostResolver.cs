using System.Net;

namespace AgentHub.Integrations.Http;

/// <summary>Resolves a host name to addresses; replaceable so tests can prove the egress guard without real DNS.</summary>
public interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
