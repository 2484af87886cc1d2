using AgentHub.Core.Workspaces;

namespace AgentHub.Core.Mcp;

/// <summary>
/// Who is calling AgentHub's MCP server: the token's user as they are now (a read token acts as a member at most), and
/// the token itself. Writes (as approvals) and new tasks need a write token of an owner or admin.
/// </summary>
public sealed record McpCaller(WorkspaceActor Actor, Guid TokenId, string TokenName, bool WriteToken)
{
    public bool CanWrite => WriteToken && Actor.CanManageIntegrations;
}
