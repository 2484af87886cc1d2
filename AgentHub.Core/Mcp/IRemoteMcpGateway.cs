using System.Text.Json.Nodes;
using AgentHub.Core.Common;

namespace AgentHub.Core.Mcp;

/// <summary>Where and how to reach an outside MCP server; the secret is decrypted only for the call.</summary>
public sealed record RemoteMcpTarget(Uri Url, string? HeaderName, string? Secret);

/// <summary>What an outside MCP tool answered: its text (size-capped, the secret redacted), whether it is an error, and whether the server said its tools changed.</summary>
public sealed record RemoteMcpAnswer(bool IsError, string Content, bool ToolsChanged = false);

/// <summary>An outside MCP server could not be reached or refused (classified like a provider call); the message holds no secret.</summary>
public sealed class RemoteMcpException(Sentence sentence, Connections.OutcomeReason reason) : Exception(sentence.English())
{
    public Sentence Sentence { get; } = sentence;
    public Connections.OutcomeReason Reason { get; } = reason;
}

/// <summary>The MCP client side: every request through the egress guard (`Mcp:Client:AllowedHosts` lets an operator trust private hosts).</summary>
public interface IRemoteMcpGateway
{
    /// <summary>Why AgentHub will not connect to this address (private, loopback, unresolvable, not http(s)), or null when it may.</summary>
    Task<Sentence?> RefusalAsync(Uri url, CancellationToken cancellationToken);

    /// <exception cref="RemoteMcpException">The server could not be reached, refused the secret, or failed.</exception>
    Task<IReadOnlyList<RemoteMcpTool>> ListToolsAsync(RemoteMcpTarget target, CancellationToken cancellationToken);

    /// <exception cref="RemoteMcpException">The server could not be reached, refused the secret, or failed.</exception>
    Task<RemoteMcpAnswer> CallToolAsync(RemoteMcpTarget target, string tool, JsonObject arguments, CancellationToken cancellationToken);
}
