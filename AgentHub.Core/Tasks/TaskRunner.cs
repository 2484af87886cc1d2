using System.Collections.Concurrent;
using System.Text.Json;
using AgentHub.Core.Actions;
using AgentHub.Core.Audit;
using AgentHub.Core.Brain;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Runs one task from where it stopped: the saved conversation, plus the results of decided approvals. The model gets
/// the agent's connected tools through Microsoft.Extensions.AI's function-invocation loop; reads run at once, writes
/// come back as calls and become approvals, and the task waits. The budget (turns and running time) is enforced; a
/// tool's failure is a result for the model; a model failure ends the task with a sentence, never a crash. A task
/// whose agent had no tool to offer ends <see cref="AgentTaskStatus.Answered"/>, not succeeded.
/// </summary>
public sealed partial class TaskRunner(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IChatClientSource models,
    AgentToolbox toolbox,
    ActionArguments arguments,
    TaskJournal journal,
    TaskEvents events,
    IOptionsMonitor<TaskOptions> options,
    IOptionsMonitor<BrainOptions> brainOptions,
    Conversations.ConversationHistory history,
    HandOffs handOffs,
    ApprovalPolicyService policies,
    ApprovalService approvals,
    AuditService audit,
    Usage.UsageRecorder usage,
    AgentHubMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    ILogger<TaskRunner> logger)
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    /// <summary>Stops a task running in this process now (a cancel from another instance is seen at its next save).</summary>
    public void Interrupt(Guid taskId)
    {
        if (_running.TryGetValue(taskId, out var cts))
        {
            cts.Cancel();
        }
    }

    /// <param name="shared">For a hand-off's sub-task: the asker's turn budget, which its turns spend.</param>
    public async Task RunAsync(Guid taskId, CancellationToken cancellationToken, TurnBudget? shared = null)
    {
        AgentTask? task;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow().UtcDateTime;
            var started = await db.StartAsync(taskId, now, cancellationToken);
            if (started == 0)
            {
                return;
            }

            task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
        }

        events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.Running));
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[taskId] = interrupt;
        var clock = time.GetTimestamp();
        var turns = task.Turns;
        try
        {
            await RunSegmentAsync(task, interrupt, cancellationToken, t => turns = t, shared);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the task stays running, its lease expires, and a runner picks it up again.
            throw;
        }
        finally
        {
            _running.TryRemove(taskId, out _);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var ran = (long)time.GetElapsedTime(clock).TotalMilliseconds;
            await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Turns, turns)
                .SetProperty(t => t.RunMilliseconds, t => t.RunMilliseconds + ran), CancellationToken.None);
        }
    }

    private async Task RunSegmentAsync(
        AgentTask task, CancellationTokenSource interrupt, CancellationToken stopping, Action<int> reportTurns, TurnBudget? shared)
    {
        var settings = options.CurrentValue;
        var agent = catalog.FindAgent(task.AgentId)!;
        // Every response's tokens are counted for this task, its helper and its source (the summary request too).
        var model = models.Create() is { } created ? usage.Wrap(created, Usage.UsageContext.Of(task)) : null;
        var messages = Load(task.ConversationJson) ?? await StartAsync(task, agent, model, interrupt.Token);

        // Results of approvals decided since the task stopped go back to the model as the results of its calls.
        var approvals = await ApprovalsAsync(task.Id, interrupt.Token);
        AppendDecided(messages, approvals);
        if (approvals.Any(a => a.Status is ApprovalStatus.Pending or ApprovalStatus.Executing))
        {
            await FinishAsync(task, AgentTaskStatus.AwaitingApproval, messages, null, null, task.Turns, interrupt.Token);
            return;
        }

        var remaining = settings.MaxDuration - TimeSpan.FromMilliseconds(task.RunMilliseconds);
        using var budget = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(interrupt.Token, budget.Token);
        var token = linked.Token;

        if (model is null)
        {
            await FailAsync(task, messages, new Sentence("Tasks_NoModel", AiOptions.SettingNames), task.Turns);
            return;
        }

        // A turn's own budget, or, for a helper asked by another, the asker's: one budget for the whole chain.
        var turnBudget = shared ?? new TurnBudget(settings.MaxTurns, task.Turns);
        var tools = await toolbox.ForAsync(task, agent, token);
        var asks = await handOffs.ForAsync(task, turnBudget, token);
        var recorder = new TurnRecorder(model, task, turnBudget, tools.Find, journal, time);
        using var client = new ChatClientBuilder(recorder)
            .UseFunctionInvocation(loggerFactory, f =>
            {
                f.MaximumIterationsPerRequest = settings.MaxTurns;
                f.IncludeDetailedErrors = false;
            })
            .Build();
        var chatOptions = new ChatOptions { Tools = [.. tools.Tools, .. asks], ToolMode = tools.Tools.Count + asks.Count > 0 ? ChatToolMode.Auto : null };
        // A turn that asked other helpers counts their turns as its own (the budget they shared).
        int Used() => shared is null ? turnBudget.Used : recorder.Turns;

        try
        {
            while (true)
            {
                // Streamed: the recorder writes the words onto the timeline as they come, for open pages and streams.
                var updates = new List<ChatResponseUpdate>();
                await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, token))
                {
                    updates.Add(update);
                }

                var response = updates.ToChatResponse();
                messages.AddRange(response.Messages);
                reportTurns(Used());

                var unresolved = Unresolved(messages);
                if (unresolved.Count == 0)
                {
                    var done = response.Text is { Length: > 0 } ? null : new Sentence("Tasks_Done");
                    var answer = done?.English() ?? response.Text;
                    // With no tool offered (nothing connected) and none called before, the agent could only answer
                    // from what it knows: a neutral ending, not a success it could not have earned.
                    var status = tools.Actions.Count == 0 && !CalledAnyProviderTool(messages) ? AgentTaskStatus.Answered : AgentTaskStatus.Succeeded;
                    await journal.AddAsync(task, TaskStepKind.Result, answer, succeeded: status == AgentTaskStatus.Succeeded ? true : (bool?)null,
                        cancellationToken: token, sentence: done);
                    await FinishAsync(task, status, messages, answer, null, Used(), token);
                    return;
                }

                // Calls the loop handed back: a write among them stopped it, so its reads run here.
                var results = new List<AIContent>();
                var waiting = 0;
                foreach (var call in unresolved)
                {
                    var action = tools.Find(call.Name);
                    if (action is null && chatOptions.Tools.OfType<AIFunction>().FirstOrDefault(f => f.Name == call.Name) is { } function)
                    {
                        // The Brain or another helper, asked beside a write that stopped the loop.
                        results.Add(new FunctionResultContent(call.CallId, await function.InvokeAsync(new AIFunctionArguments(call.Arguments), token)));
                    }
                    else if (action is null && tools.FindRemote(call.Name) is { } remote)
                    {
                        // An outside MCP server's tool that does not say it only reads: a write, approved first.
                        if (await RequestRemoteApprovalAsync(task, remote, call, token) is { } refusedRemote)
                        {
                            results.Add(new FunctionResultContent(call.CallId, refusedRemote));
                        }
                        else
                        {
                            waiting++;
                        }
                    }
                    else if (action is null)
                    {
                        results.Add(new FunctionResultContent(call.CallId, AgentToolbox.ErrorResult($"There is no tool named {call.Name}.")));
                    }
                    else if (action.Effect == ActionEffect.Read)
                    {
                        results.Add(new FunctionResultContent(call.CallId,
                            await toolbox.InvokeReadAsync(task, action, AgentToolbox.ArgumentsOf(call.Arguments), token)));
                    }
                    else if (await RequestApprovalAsync(task, action, call, token) is { } refused)
                    {
                        results.Add(new FunctionResultContent(call.CallId, refused));
                    }
                    else
                    {
                        waiting++;
                    }
                }

                if (results.Count > 0)
                {
                    messages.Add(new ChatMessage(ChatRole.Tool, results));
                }

                if (waiting > 0)
                {
                    await FinishAsync(task, AgentTaskStatus.AwaitingApproval, messages, null, null, Used(), token);
                    return;
                }
            }
        }
        catch (TaskBudgetExceededException ex)
        {
            await FailAsync(task, messages, ex.Sentence, Used());
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !interrupt.IsCancellationRequested)
        {
            await FailAsync(task, messages, OutOfTime(settings.MaxDuration), Used());
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // Cancelled by a person: the cancel already set the status; nothing more to record.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogModelFailed(logger, task.Id, ex.GetType().Name);
            await FailAsync(task, messages, models.Describe(ex), Used());
        }
        finally
        {
            reportTurns(Used());
        }
    }

    /// <summary>Records the approval for a write call (once per call, even if the run repeats); returns a refusal to give the model instead.</summary>
    private async Task<string?> RequestApprovalAsync(AgentTask task, ActionDefinition action, FunctionCallContent call, CancellationToken cancellationToken)
    {
        var (prepared, error) = arguments.Prepare(action, AgentToolbox.ArgumentsOf(call.Arguments));
        if (prepared is null)
        {
            await journal.AddAsync(task, TaskStepKind.ToolResult, error!, action.ToolName, action.Effect, succeeded: false, cancellationToken: cancellationToken);
            return AgentToolbox.ErrorResult(error!);
        }

        var provider = catalog.FindProvider(action.ProviderId)!;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Approvals.AnyAsync(a => a.TaskId == task.Id && a.CallId == call.CallId, cancellationToken))
        {
            return null;
        }

        // The workspace's policy for this write (narrowed by the schedule that started the task): never sent, or sent
        // without asking, or (the default) held for a person.
        var policy = await policies.EffectiveAsync(task.WorkspaceId, task.ScheduleId, action.ToolName, cancellationToken);
        var policyActor = new AuditActor(task.WorkspaceId, task.CreatedBy, "Approval policy", CanManage: true, CanReadTrail: false);
        if (policy == ApprovalPolicyKind.Never)
        {
            await journal.AddAsync(task, TaskStepKind.ToolResult, "Refused by the workspace's approval policy: nothing was sent.", action.ToolName, action.Effect,
                succeeded: false, cancellationToken: cancellationToken, sentence: new Sentence("Tasks_RefusedByPolicy"));
            await audit.RecordAsync(policyActor, AuditActions.Reject, "refused_by_policy", action.ProviderId, task.AgentId,
                detail: new Sentence("Audit_DetailToolForTask", action.ToolName, task.Id), cancellationToken: cancellationToken);
            return AgentToolbox.ErrorResult("refused: the workspace's approval policy never allows this action, and nothing was sent");
        }

        var approval = await ApprovalDraft.NewAsync(db, task.WorkspaceId, action, provider, prepared, time.GetUtcNow().UtcDateTime, cancellationToken);
        approval.TaskId = task.Id;
        approval.AgentId = task.AgentId;
        approval.CallId = call.CallId;
        db.Approvals.Add(approval);
        await db.SaveChangesAsync(cancellationToken);
        if (policy == ApprovalPolicyKind.Allow)
        {
            return ApprovalResult(await approvals.ExecuteAllowedAsync(approval, policyActor, cancellationToken));
        }

        await journal.AddAsync(task, TaskStepKind.ApprovalRequested, approval.Preview, action.ToolName, action.Effect,
            approvalId: approval.Id, cancellationToken: cancellationToken);
        events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.AwaitingApproval, ApprovalsChanged: true));
        return null;
    }

    /// <summary>
    /// Records the approval for a call of an outside MCP server's write tool (once per call), under the same policies as
    /// the catalog's writes; returns a refusal to give the model instead.
    /// </summary>
    private async Task<string?> RequestRemoteApprovalAsync(AgentTask task, Mcp.RemoteToolRef remote, FunctionCallContent call, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Approvals.AnyAsync(a => a.TaskId == task.Id && a.CallId == call.CallId, cancellationToken))
        {
            return null;
        }

        var policy = await policies.EffectiveAsync(task.WorkspaceId, task.ScheduleId, remote.ToolName, cancellationToken);
        var policyActor = new AuditActor(task.WorkspaceId, task.CreatedBy, "Approval policy", CanManage: true, CanReadTrail: false);
        if (policy == ApprovalPolicyKind.Never)
        {
            await journal.AddAsync(task, TaskStepKind.ToolResult, "Refused by the workspace's approval policy: nothing was sent.", remote.ToolName, ActionEffect.Write,
                succeeded: false, cancellationToken: cancellationToken, sentence: new Sentence("Tasks_RefusedByPolicy"));
            return AgentToolbox.ErrorResult("refused: the workspace's approval policy never allows this action, and nothing was sent");
        }

        var arguments = AgentToolbox.ArgumentsOf(call.Arguments);
        var approval = new Approval
        {
            Id = Guid.NewGuid(),
            WorkspaceId = task.WorkspaceId,
            TaskId = task.Id,
            AgentId = task.AgentId,
            CallId = call.CallId,
            ProviderId = Text.Shorten("mcp:" + remote.ServerName, 63),
            ActionName = Text.Shorten(remote.Tool.Name, 127),
            Tool = remote.ToolName,
            RemoteMcpServerId = remote.ServerId,
            // Pinned: approving sends the call only to the server as the helper saw it (not after its address changed).
            ConnectionVersion = remote.ServerVersion,
            ArgumentsJson = arguments.ToJsonString(),
            Preview = Text.Shorten(CoreText.Get("Mcp_ApprovalPreview", remote.Tool.Name, remote.ServerName), 1999),
            Status = ApprovalStatus.Pending,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Approvals.Add(approval);
        await db.SaveChangesAsync(cancellationToken);
        if (policy == ApprovalPolicyKind.Allow)
        {
            return ApprovalResult(await approvals.ExecuteAllowedAsync(approval, policyActor, cancellationToken));
        }

        await journal.AddAsync(task, TaskStepKind.ApprovalRequested, approval.Preview, remote.ToolName, ActionEffect.Write,
            approvalId: approval.Id, cancellationToken: cancellationToken);
        events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, AgentTaskStatus.AwaitingApproval, ApprovalsChanged: true));
        return null;
    }

    private async Task<List<Approval>> ApprovalsAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Approvals.AsNoTracking().Where(a => a.TaskId == taskId).ToListAsync(cancellationToken);
    }

    private static void AppendDecided(List<ChatMessage> messages, IEnumerable<Approval> approvals)
    {
        var answered = Answered(messages);
        var results = approvals
            .Where(a => a.IsDecided && !answered.Contains(a.CallId))
            .Select(a => (AIContent)new FunctionResultContent(a.CallId, ApprovalResult(a)))
            .ToList();
        if (results.Count > 0)
        {
            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
    }

    /// <summary>What the model hears about a decided write.</summary>
    public static string ApprovalResult(Approval approval) => approval.Status switch
    {
        ApprovalStatus.Executed => approval.Result ?? "{}",
        ApprovalStatus.Rejected => AgentToolbox.ErrorResult($"rejected: {approval.Reason ?? "no reason given"}"),
        ApprovalStatus.Failed => AgentToolbox.ErrorResult($"approved, but the provider refused it: {approval.Result}"),
        ApprovalStatus.Unknown => AgentToolbox.ErrorResult("approved, but AgentHub stopped while sending it, so whether it happened is unknown; it was not sent again"),
        _ => AgentToolbox.ErrorResult("cancelled"),
    };

    private static List<FunctionCallContent> Unresolved(List<ChatMessage> messages)
    {
        var answered = Answered(messages);
        return messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Where(c => !answered.Contains(c.CallId)).ToList();
    }

    /// <summary>
    /// Whether the model called a connection's tool at any point of the task (a resumed task may have had tools
    /// before). Searching the Brain, or asking another helper, is not acting through a connection of this one.
    /// </summary>
    private static bool CalledAnyProviderTool(IEnumerable<ChatMessage> messages) =>
        messages.Any(m => m.Contents.OfType<FunctionCallContent>().Any(c => c.Name != BrainSearchTool.Name && !c.Name.StartsWith(HandOffs.Prefix, StringComparison.Ordinal)));

    private static HashSet<string> Answered(IEnumerable<ChatMessage> messages) =>
        messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.CallId).ToHashSet(StringComparer.Ordinal);

    private async Task<List<ChatMessage>> StartAsync(AgentTask task, AgentDefinition agent, IChatClient? model, CancellationToken cancellationToken)
    {
        var trigger = TaskTrigger.FromJson(task.TriggerJson);
        string language;
        string? profile;
        bool hasBrain;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            language = await db.Workspaces.Where(w => w.Id == task.WorkspaceId).Select(w => w.Language).SingleAsync(cancellationToken);
            profile = BrainProfilePrompt.For(
                await db.BrainProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.WorkspaceId == task.WorkspaceId, cancellationToken),
                brainOptions.CurrentValue.ProfileTokens);
            hasBrain = await db.BrainSources.AnyAsync(s => s.WorkspaceId == task.WorkspaceId && s.Generation > 0, cancellationToken);
        }

        List<ChatMessage> messages =
        [
            new(ChatRole.System, SystemPrompt.For(agent, catalog, time.GetUtcNow(), trigger is not null, language, profile, hasBrain)),
        ];

        // A follow-up: the conversation's earlier turns (or their summary) before the new message.
        if (model is not null)
        {
            messages.AddRange(await history.ForAsync(task, model, cancellationToken));
        }

        messages.Add(new ChatMessage(ChatRole.User, task.Description));
        if (trigger is not null)
        {
            // The event as data, apart from the instruction: the system prompt says what this block is.
            messages.Add(new ChatMessage(ChatRole.User, SystemPrompt.EventBlock(trigger)));
        }

        return messages;
    }

    private async Task FailAsync(AgentTask task, List<ChatMessage> messages, Sentence sentence, int turns)
    {
        var error = sentence.English();
        await journal.AddAsync(task, TaskStepKind.Error, error, succeeded: false, cancellationToken: CancellationToken.None, sentence: sentence);
        await FinishAsync(task, AgentTaskStatus.Failed, messages, null, error, turns, CancellationToken.None);
    }

    /// <summary>
    /// Saves the conversation, the turns used and the new status in one write (a reader never sees a finished task
    /// without its turns), unless the task was cancelled meanwhile (on any instance).
    /// </summary>
    private async Task FinishAsync(
        AgentTask task, AgentTaskStatus status, List<ChatMessage> messages, string? result, string? error, int turns, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var conversation = JsonSerializer.Serialize(messages, AIJsonUtilities.DefaultOptions);
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var saved = await db.StopAsync(task.Id, status, conversation, turns, result == null ? null : Text.Shorten(result, 7999),
            error == null ? null : Text.Shorten(error, 1999), now, CancellationToken.None);
        if (saved > 0)
        {
            events.Publish(new TaskChanged(task.WorkspaceId, task.Id, task.AgentId, status));
            if (status.IsFinished())
            {
                metrics.TaskEnded(task.AgentId, JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()));
            }
        }
    }

    private static List<ChatMessage>? Load(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var messages = JsonSerializer.Deserialize<List<ChatMessage>>(json, AIJsonUtilities.DefaultOptions) ?? [];
        foreach (var result in messages.SelectMany(m => m.Contents.OfType<FunctionResultContent>()))
        {
            // A string result comes back as a JSON string element; give the model the same text it saw the first time.
            if (result.Result is JsonElement { ValueKind: JsonValueKind.String } text)
            {
                result.Result = text.GetString();
            }
        }

        return messages;
    }

    private static Sentence OutOfTime(TimeSpan duration) => duration.TotalMinutes >= 1
        ? new Sentence("Tasks_OutOfTimeMinutes", Math.Round(duration.TotalMinutes, 1))
        : new Sentence("Tasks_OutOfTimeSeconds", Math.Round(duration.TotalSeconds, 1));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: the model request failed ({ExceptionType})")]
    private static partial void LogModelFailed(ILogger logger, Guid taskId, string exceptionType);
}
