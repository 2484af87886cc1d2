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
    IReadOnlyList<string> NotConnected)
{
    public ActionDefinition? Find(string toolName) => Actions.GetValueOrDefault(toolName);
}
