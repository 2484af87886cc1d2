using System.Text.Json;
using AgentHub.Core.Actions;
using AgentHub.Core.Catalog;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Tasks;

/// <summary>A read action as a function the invocation loop may call on its own: no side effect, so no approval.</summary>
internal sealed class ReadActionFunction(ActionDefinition action, Func<ActionDefinition, IDictionary<string, object?>, CancellationToken, Task<string>> invoke) : AIFunction
{
    public override string Name => action.ToolName;
    public override string Description => action.Description;
    public override JsonElement JsonSchema => action.Parameters;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await invoke(action, arguments, cancellationToken);
}

/// <summary>A read-only tool of an outside MCP server (`readOnlyHint: true`) as a function the invocation loop may call on its own.</summary>
internal sealed class RemoteReadFunction(Mcp.RemoteToolRef tool, string description, Func<Mcp.RemoteToolRef, IDictionary<string, object?>, CancellationToken, Task<string>> invoke) : AIFunction
{
    public override string Name => tool.ToolName;
    public override string Description => description;
    public override JsonElement JsonSchema => tool.Tool.InputSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await invoke(tool, arguments, cancellationToken);
}
