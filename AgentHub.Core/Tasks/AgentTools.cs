using AgentHub.Core.Catalog;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Tasks;

/// <summary>
/// The tools one task's agent may use now: reads are invocable functions, writes are declarations only (the function
/// invocation loop hands them back, and they become approvals). Only connected providers' actions are here.
/// </summary>
public sealed record AgentTools(
    IReadOnlyList<AITool> Tools,
    IReadOnlyDictionary<string, ActionDefinition> Actions,
    IReadOnlyList<string> Connected,
    IReadOnlyList<string> NotConnected,
    IReadOnlyDictionary<string, Mcp.RemoteToolRef>? Remote = null)
{
    public ActionDefinition? Find(string toolName) => Actions.GetValueOrDefault(toolName);

    /// <summary>A tool of an outside MCP server the agent may use, by its `{server}_{tool}` name.</summary>
    public Mcp.RemoteToolRef? FindRemote(string toolName) => Remote?.GetValueOrDefault(toolName);
}
