using System.Text.Json.Nodes;
using AgentHub.Core.Actions;
using AgentHub.Core.Brain;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Turns an agent's connected providers into tools, and runs the read ones for a task (recording each call and result
/// on its timeline). A tool's failure is returned to the model as its result, never thrown.
/// </summary>
public sealed class AgentToolbox(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    ConnectionActionService actions,
    ActionArguments arguments,
    TaskJournal journal,
    BrainSearchTool brain,
    Mcp.RemoteMcpService remoteMcp)
{
    public async Task<AgentTools> ForAsync(AgentTask task, AgentDefinition agent, CancellationToken cancellationToken)
    {
        var providerIds = agent.Integrations.Select(i => i.ProviderId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connected = (await db.Connections.AsNoTracking()
            .Where(c => c.WorkspaceId == task.WorkspaceId && providerIds.Contains(c.ProviderId) && c.Status == ConnectionStatus.Connected)
            .Select(c => c.ProviderId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var tools = new List<AITool>();
        var definitions = new Dictionary<string, ActionDefinition>(StringComparer.Ordinal);
        foreach (var provider in providerIds.Where(connected.Contains).Select(id => catalog.FindProvider(id)!))
        {
            foreach (var action in provider.Actions)
            {
                definitions[action.ToolName] = action;
                tools.Add(action.Effect == ActionEffect.Read
                    ? new ReadActionFunction(action, (a, args, ct) => InvokeReadAsync(task, a, ArgumentsOf(args), ct))
                    : AIFunctionFactory.CreateDeclaration(action.ToolName, action.Description, action.Parameters));
            }
        }

        // Tools of the outside MCP servers this helper may use: reads run on their own, the rest wait for approval.
        var remote = new Dictionary<string, Mcp.RemoteToolRef>(StringComparer.Ordinal);
        foreach (var tool in await remoteMcp.ToolsForAsync(task.WorkspaceId, agent.Id, cancellationToken))
        {
            if (definitions.ContainsKey(tool.ToolName) || !remote.TryAdd(tool.ToolName, tool))
            {
                continue;
            }

            var description = $"{tool.Tool.Description} (a tool of the outside MCP server \"{tool.ServerName}\"{(tool.Tool.ReadOnly ? "" : "; each call waits for a person's approval")})";
            tools.Add(tool.Tool.ReadOnly
                ? new RemoteReadFunction(tool, description, (r, args, ct) => InvokeRemoteReadAsync(task, r, ArgumentsOf(args), ct))
                : AIFunctionFactory.CreateDeclaration(tool.ToolName, description, tool.Tool.InputSchema));
        }

        // Every helper may search the business's Brain, connected or not, once it holds something to find.
        if (await db.BrainSources.AnyAsync(s => s.WorkspaceId == task.WorkspaceId && s.Generation > 0, cancellationToken))
        {
            tools.Add(brain.For(task));
        }

        string Name(string id) => catalog.FindProvider(id)?.Name ?? id;
        return new AgentTools(
            tools,
            definitions,
            providerIds.Where(connected.Contains).Select(Name).ToList(),
            providerIds.Where(id => !connected.Contains(id)).Select(Name).ToList(),
            remote);
    }

    /// <summary>Runs a read-only tool of an outside MCP server for the model and records its answer on the timeline.</summary>
    public async Task<string> InvokeRemoteReadAsync(AgentTask task, Mcp.RemoteToolRef tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        var outcome = await remoteMcp.InvokeAsync(task.WorkspaceId, tool.ServerId, tool.Tool.Name, arguments, cancellationToken);
        var sentence = outcome.Succeeded ? new Sentence("Tasks_Answered", Text.Shorten(outcome.Content, 400)) : outcome.Sentence;
        await journal.AddAsync(task, TaskStepKind.ToolResult, sentence?.English() ?? outcome.Content, tool.ToolName, ActionEffect.Read, outcome.Succeeded,
            cancellationToken: cancellationToken, sentence: sentence);
        return outcome.Succeeded ? outcome.Content : ErrorResult(outcome.Sentence?.English() ?? outcome.Content);
    }

    /// <summary>Runs a read for the model: checks the arguments, calls (or serves from cache), records the result.</summary>
    public async Task<string> InvokeReadAsync(AgentTask task, ActionDefinition action, JsonObject? raw, CancellationToken cancellationToken)
    {
        var (prepared, error) = arguments.Prepare(action, raw);
        if (prepared is null)
        {
            await journal.AddAsync(task, TaskStepKind.ToolResult, error!, action.ToolName, action.Effect, succeeded: false, cancellationToken: cancellationToken);
            return ErrorResult(error!);
        }

        var outcome = await actions.InvokeAsync(task.WorkspaceId, action, prepared, null, cancellationToken);
        var sentence = outcome.Succeeded
            ? new Sentence(outcome.Cached ? "Tasks_AnsweredFromCache" : "Tasks_Answered", Text.Shorten(outcome.Content, 400))
            : outcome.Sentence;
        await journal.AddAsync(task, TaskStepKind.ToolResult, sentence?.English() ?? outcome.Content, action.ToolName, action.Effect, outcome.Succeeded,
            outcome.Cached, cancellationToken: cancellationToken, sentence: sentence);
        return outcome.Succeeded ? outcome.Content : ErrorResult(outcome.Content);
    }

    public static string ErrorResult(string message) => new JsonObject { ["error"] = message }.ToJsonString();

    public static JsonObject ArgumentsOf(IDictionary<string, object?>? arguments) =>
        arguments is null ? [] : ActionArguments.FromDictionary(arguments);
}
