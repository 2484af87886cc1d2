using System.Text.Json.Nodes;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Mcp;

namespace AgentHub.Tests.Infrastructure;

/// <summary>The MCP client for component tests: it refuses every address and reaches nothing, so no page test touches a network.</summary>
public sealed class NoMcpGateway : IRemoteMcpGateway
{
    public Task<Sentence?> RefusalAsync(Uri url, CancellationToken cancellationToken) =>
        Task.FromResult<Sentence?>(new Sentence("Mcp_UrlUnresolvable", url.Host));

    public Task<IReadOnlyList<RemoteMcpTool>> ListToolsAsync(RemoteMcpTarget target, CancellationToken cancellationToken) =>
        throw new RemoteMcpException(new Sentence("Mcp_Unreachable", target.Url.Host), OutcomeReason.Unreachable);

    public Task<RemoteMcpAnswer> CallToolAsync(RemoteMcpTarget target, string tool, JsonObject arguments, CancellationToken cancellationToken) =>
        throw new RemoteMcpException(new Sentence("Mcp_Unreachable", target.Url.Host), OutcomeReason.Unreachable);
}
