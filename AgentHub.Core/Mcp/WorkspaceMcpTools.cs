using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AgentHub.Core.Actions;
using AgentHub.Core.Audit;
using AgentHub.Core.Brain;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AgentHub.Core.Mcp;

/// <summary>
/// The workspace as MCP tools for an outside AI client (Claude, ChatGPT, VS Code, Cursor): its connected providers'
/// actions (`{provider}_{action}`), `brain_search`, `ask_{agent}` and `get_task`, and `get_approval`. A read runs through
/// the same path as a helper's (connection, cache, throttle, call log); a write never runs from here: it becomes an
/// approval in the Inbox, marked with the token's name. Every call is in the audit trail.
/// </summary>
public sealed partial class WorkspaceMcpTools(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    ConnectionActionService actions,
    ActionArguments arguments,
    BrainSearcher brain,
    TaskService tasks,
    TaskEvents events,
    AuditService audit,
    TimeProvider time,
    ILogger<WorkspaceMcpTools> logger)
{
    public const string GetApproval = "get_approval";
    public const string GetTask = "get_task";
    public const string AskPrefix = "ask_";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The tools this caller may use now: reads for everyone, writes and new tasks for a write token of an owner or admin.</summary>
    public async Task<IReadOnlyList<Tool>> ListAsync(McpCaller caller, CancellationToken cancellationToken)
    {
        var tools = new List<Tool>();
        foreach (var action in await ActionsAsync(caller, cancellationToken))
        {
            tools.Add(ActionTool(action));
        }

        tools.Add(Tool(BrainSearchTool.Name, "Search the business's Brain",
            "Searches the business's Brain (its notes, files and web pages) and returns the passages that match, each with its source and place to cite.",
            BrainSchema, readOnly: true, openWorld: false));
        tools.Add(Tool(GetApproval, "State of an approval",
            "The state of a write waiting in the AgentHub Inbox (pending, executed, rejected, failed…) and, once executed, the provider's answer.",
            IdSchema("approval_id", "The approval's id, as a write tool answered it."), readOnly: true, openWorld: false));
        tools.Add(Tool(GetTask, "State of a helper's task",
            "The state of a task given to an AgentHub helper, its answer once finished, and the writes it waits on.",
            IdSchema("task_id", "The task's id, as an ask_ tool answered it."), readOnly: true, openWorld: false));
        if (caller.CanWrite && tasks.ModelConfigured)
        {
            foreach (var agent in catalog.Agents)
            {
                tools.Add(Tool(AskPrefix + agent.Id, $"Ask {agent.Name}",
                    $"Gives a task to {agent.Name}, AgentHub's {agent.Role} helper, and answers the task's id at once (read its answer with {GetTask}). " +
                    "The helper uses the workspace's connections; its writes wait for a person's approval.",
                    InstructionSchema, readOnly: false, openWorld: true));
            }
        }

        return tools;
    }

    public async Task<CallToolResult> CallAsync(McpCaller caller, string name, IReadOnlyDictionary<string, JsonElement>? raw, CancellationToken cancellationToken)
    {
        var args = raw is null ? [] : JsonSerializer.SerializeToNode(raw)!.AsObject();
        if (name == BrainSearchTool.Name)
        {
            return await AuditedAsync(caller, name, null, null, () => SearchAsync(caller, args, cancellationToken));
        }

        if (name == GetApproval)
        {
            return await AuditedAsync(caller, name, null, null, () => ApprovalAsync(caller, args, cancellationToken));
        }

        if (name == GetTask)
        {
            return await AuditedAsync(caller, name, null, null, () => TaskAsync(caller, args, cancellationToken));
        }

        if (name.StartsWith(AskPrefix, StringComparison.Ordinal) && catalog.FindAgent(name[AskPrefix.Length..]) is { } agent)
        {
            if (!caller.CanWrite)
            {
                return await RefusedAsync(caller, name, null, agent.Id, "This token cannot give tasks: it needs write access and an owner's or admin's role.");
            }

            return await AuditedAsync(caller, name, null, agent.Id, () => AskAsync(caller, agent, args, cancellationToken));
        }

        var action = (await ActionsAsync(caller, cancellationToken)).FirstOrDefault(a => a.ToolName == name);
        if (action is null)
        {
            // Unknown, not connected, a write for a read token or a member, or one the workspace never allows.
            throw new McpProtocolException($"Unknown tool: '{name}'. List the tools to see what this token may use.", McpErrorCode.InvalidParams);
        }

        var (prepared, error) = arguments.Prepare(action, args);
        if (prepared is null)
        {
            return await AuditedAsync(caller, name, action.ProviderId, null, () => Task.FromResult(Error(error!)));
        }

        return action.Effect == ActionEffect.Read
            ? await AuditedAsync(caller, name, action.ProviderId, null, () => ReadAsync(caller, action, prepared, cancellationToken))
            : await AuditedAsync(caller, name, action.ProviderId, null, () => RequestApprovalAsync(caller, action, prepared, cancellationToken));
    }

    /// <summary>The connected providers' actions the caller may call: reads, and writes the workspace does not forbid for a writer.</summary>
    private async Task<List<ActionDefinition>> ActionsAsync(McpCaller caller, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connected = await db.Connections.AsNoTracking()
            .Where(c => c.WorkspaceId == caller.Actor.WorkspaceId && c.Status == ConnectionStatus.Connected)
            .Select(c => c.ProviderId)
            .ToListAsync(cancellationToken);
        var never = caller.CanWrite
            ? (await db.ApprovalPolicies.AsNoTracking()
                .Where(p => p.WorkspaceId == caller.Actor.WorkspaceId && p.Policy == ApprovalPolicyKind.Never)
                .Select(p => p.Tool)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : [];
        return catalog.Providers
            .Where(p => connected.Contains(p.Id))
            .SelectMany(p => p.Actions)
            .Where(a => a.Effect == ActionEffect.Read || (caller.CanWrite && !never.Contains(a.ToolName)))
            .ToList();
    }

    private async Task<Answer> ReadAsync(McpCaller caller, ActionDefinition action, JsonObject prepared, CancellationToken cancellationToken)
    {
        var outcome = await actions.InvokeAsync(caller.Actor.WorkspaceId, action, prepared, null, cancellationToken);
        return outcome.Succeeded
            ? Text(outcome.Content)
            : Error(outcome.Sentence?.English() ?? outcome.Content);
    }

    /// <summary>A write never runs from MCP: it waits in the Inbox as an approval "from {token}" until a person decides.</summary>
    private async Task<Answer> RequestApprovalAsync(McpCaller caller, ActionDefinition action, JsonObject prepared, CancellationToken cancellationToken)
    {
        var provider = catalog.FindProvider(action.ProviderId)!;
        Approval approval;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            approval = await ApprovalDraft.NewAsync(db, caller.Actor.WorkspaceId, action, provider, prepared, time.GetUtcNow().UtcDateTime, cancellationToken);
            approval.RequestedBy = caller.TokenName;
            approval.AccessTokenId = caller.TokenId;
            db.Approvals.Add(approval);
            await db.SaveChangesAsync(cancellationToken);
        }

        events.Publish(new TaskChanged(approval.WorkspaceId, Guid.Empty, "", AgentTaskStatus.AwaitingApproval, ApprovalsChanged: true));
        LogApprovalRequested(logger, caller.Actor.WorkspaceId, action.ToolName, approval.Id);
        return Structured(new JsonObject
        {
            ["approval_id"] = approval.Id,
            ["status"] = "pending",
            ["preview"] = approval.Preview,
            ["message"] = $"Waiting for approval: a person decides in the AgentHub Inbox. Nothing was sent yet. Call {GetApproval} with this id for its state and, once executed, the provider's answer.",
        }, "approval_requested");
    }

    private async Task<Answer> SearchAsync(McpCaller caller, JsonObject args, CancellationToken cancellationToken)
    {
        var query = args["query"] is JsonValue q && q.TryGetValue<string>(out var text) ? text : null;
        var k = args["k"] is JsonValue n && n.TryGetValue<int>(out var wanted) ? Math.Clamp(wanted, 1, 10) : 5;
        if (BrainSearch.Terms(query ?? "").Count == 0)
        {
            return Error("Give a query: a few words to look for.");
        }

        var results = (await brain.SearchAsync(caller.Actor.WorkspaceId, query!, k, cancellationToken)).Results;
        return Structured(JsonSerializer.SerializeToNode(new { results }, Json)!.AsObject());
    }

    private async Task<Answer> ApprovalAsync(McpCaller caller, JsonObject args, CancellationToken cancellationToken)
    {
        if (IdOf(args, "approval_id") is not { } id)
        {
            return Error("Give approval_id: the id a write tool answered.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var approval = await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.WorkspaceId == caller.Actor.WorkspaceId, cancellationToken);
        if (approval is null)
        {
            return Error($"There is no approval '{id}' in this workspace.");
        }

        var state = new JsonObject
        {
            ["approval_id"] = approval.Id,
            ["tool"] = approval.Tool,
            ["status"] = JsonSerializer.SerializeToNode(approval.Status, Json),
            ["preview"] = approval.Preview,
            ["requested_by"] = approval.RequestedBy,
            ["task_id"] = approval.TaskId,
            ["decided_by"] = approval.DecidedBy,
            ["decided_at"] = approval.DecidedAt,
            ["reason"] = approval.Reason,
            ["executed_at"] = approval.ExecutedAt,
        };
        if (approval.Result is { } result)
        {
            state["result"] = ParseOrText(result);
        }

        return Structured(state);
    }

    private async Task<Answer> TaskAsync(McpCaller caller, JsonObject args, CancellationToken cancellationToken)
    {
        if (IdOf(args, "task_id") is not { } id)
        {
            return Error("Give task_id: the id an ask_ tool answered.");
        }

        TaskView task;
        try
        {
            task = await tasks.GetAsync(caller.Actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return Error($"There is no task '{id}' in this workspace.");
        }

        return Structured(new JsonObject
        {
            ["task_id"] = task.Id,
            ["agent_id"] = task.AgentId,
            ["status"] = JsonSerializer.SerializeToNode(task.Status, Json),
            ["result"] = task.Result,
            ["error"] = task.Error,
            ["waiting_approvals"] = new JsonArray(task.Approvals.Where(a => a.Status == ApprovalStatus.Pending)
                .Select(a => (JsonNode)new JsonObject { ["approval_id"] = a.Id, ["preview"] = a.Preview }).ToArray()),
            ["sources"] = JsonSerializer.SerializeToNode(task.Sources.Select(s => s.Describe()), Json),
        });
    }

    private async Task<Answer> AskAsync(McpCaller caller, AgentDefinition agent, JsonObject args, CancellationToken cancellationToken)
    {
        var instruction = args["instruction"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        try
        {
            var task = await tasks.CreateAsync(caller.Actor, new CreateTaskRequest(instruction, agent.Id), cancellationToken, viaToken: caller.TokenName);
            return Structured(new JsonObject
            {
                ["task_id"] = task.Id,
                ["status"] = JsonSerializer.SerializeToNode(task.Status, Json),
                ["message"] = $"{agent.Name} has the task. Call {GetTask} with this id for its answer.",
            }, "queued");
        }
        catch (FluentValidation.ValidationException ex)
        {
            return Error(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage)));
        }
        catch (ModelNotConfiguredException ex)
        {
            return Error(ex.Message);
        }
        catch (Usage.BudgetExceededException ex)
        {
            return new Answer(ErrorResult(ex.Message), "budget_exceeded");
        }
    }

    /// <summary>Runs a call and records it in the audit trail ("mcp_call", the tool and the token's name); the outcome is the result's.</summary>
    private async Task<CallToolResult> AuditedAsync(McpCaller caller, string tool, string? providerId, string? agentId, Func<Task<Answer>> call)
    {
        var answer = await call();
        await audit.RecordAsync(caller.Actor, AuditActions.McpCall, answer.Outcome, providerId, agentId,
            detail: new Sentence("Audit_DetailMcpCall", tool, caller.TokenName), cancellationToken: CancellationToken.None);
        return answer.Result;
    }

    /// <summary>A tool's result and the outcome the audit trail records for it.</summary>
    private sealed record Answer(CallToolResult Result, string Outcome);

    private async Task<CallToolResult> RefusedAsync(McpCaller caller, string tool, string? providerId, string? agentId, string message)
    {
        await audit.RecordAsync(caller.Actor, AuditActions.McpCall, "denied", providerId, agentId,
            detail: new Sentence("Audit_DetailMcpCall", tool, caller.TokenName), cancellationToken: CancellationToken.None);
        return ErrorResult(message);
    }

    private static Tool ActionTool(ActionDefinition action) => Tool(action.ToolName, action.Title,
        action.Effect == ActionEffect.Read
            ? action.Description
            : $"{action.Description} This write is not sent at once: it waits for a person's approval in the AgentHub Inbox; the tool answers the approval's id (see {GetApproval}).",
        action.Parameters, readOnly: action.Effect == ActionEffect.Read, openWorld: true, destructive: action.Destructive);

    private static Tool Tool(string name, string title, string description, JsonElement schema, bool readOnly, bool openWorld, bool destructive = false) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        InputSchema = schema,
        Annotations = new ToolAnnotations
        {
            Title = title,
            ReadOnlyHint = readOnly,
            DestructiveHint = readOnly ? null : destructive,
            IdempotentHint = readOnly ? true : null,
            OpenWorldHint = openWorld,
        },
    };

    private static Guid? IdOf(JsonObject args, string name) =>
        args[name] is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id) ? id : null;

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static Answer Text(string text) => new(new CallToolResult { Content = [new TextContentBlock { Text = text }] }, "succeeded");

    private static Answer Error(string message) => new(ErrorResult(message), "failed");

    private static CallToolResult ErrorResult(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };

    private static Answer Structured(JsonObject value, string outcome = "succeeded") => new(new CallToolResult
    {
        Content = [new TextContentBlock { Text = value.ToJsonString() }],
        StructuredContent = JsonSerializer.SerializeToElement(value),
    }, outcome);

    private static readonly JsonElement BrainSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "What to look for, in a few words. French or English." },
            "k": { "type": "integer", "minimum": 1, "maximum": 10, "description": "How many passages to return (default 5)." }
          },
          "required": ["query"]
        }
        """).RootElement.Clone();

    private static readonly JsonElement InstructionSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": { "instruction": { "type": "string", "description": "What to ask of the helper, in a sentence or a few." } },
          "required": ["instruction"]
        }
        """).RootElement.Clone();

    private static JsonElement IdSchema(string name, string description) => JsonSerializer.SerializeToElement(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { [name] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = description } },
        ["required"] = new JsonArray(name),
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP write {Tool} in workspace {WorkspaceId} waits for approval {ApprovalId}")]
    private static partial void LogApprovalRequested(ILogger logger, Guid workspaceId, string tool, Guid approvalId);
}
