using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Background;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Helpers asking helpers: <c>ask_{agent}</c> tools, offered for every other helper not already in the chain of askers
/// (no cycles) while the chain is shallower than <see cref="MaxDepth"/>. The asked helper runs a sub-task here and now,
/// with its own tools and the Brain, under its own lease and within the asker's turn and time budget; its answer is the
/// tool's result. A write it prepares waits for approval like any other (the sub-task resumes once it is decided).
/// </summary>
public sealed class HandOffs(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IServiceProvider services,
    IIntegrationCatalog catalog,
    LeaseStore leases,
    TaskJournal journal,
    TaskEvents events,
    IOptionsMonitor<TaskOptions> options,
    TimeProvider time)
{
    public const int MaxDepth = 2;
    public const string Prefix = "ask_";

    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "question": { "type": "string", "description": "What you need from this helper, with everything it needs to know (it does not see this conversation)." }
          },
          "required": ["question"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    public static string ToolName(string agentId) => Prefix + agentId;

    /// <summary>The helpers <paramref name="task"/>'s helper may ask.</summary>
    public async Task<IReadOnlyList<AIFunction>> ForAsync(AgentTask task, TurnBudget budget, CancellationToken cancellationToken)
    {
        if (task.Depth >= MaxDepth)
        {
            return [];
        }

        var chain = new HashSet<string>(StringComparer.Ordinal) { task.AgentId };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            for (var parent = task.ParentTaskId; parent is { } id;)
            {
                var asker = await db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => new { t.AgentId, t.ParentTaskId }).SingleOrDefaultAsync(cancellationToken);
                if (asker is null)
                {
                    break;
                }

                chain.Add(asker.AgentId);
                parent = asker.ParentTaskId;
            }
        }

        return catalog.Agents.Where(a => !chain.Contains(a.Id)).Select(a => (AIFunction)new AskFunction(this, task, a, budget)).ToList();
    }

    private async Task<string> AskAsync(AgentTask asker, AgentDefinition other, AIFunctionArguments arguments, TurnBudget budget, CancellationToken cancellationToken)
    {
        var args = AgentToolbox.ArgumentsOf(arguments);
        var question = args["question"] is JsonValue value && value.TryGetValue<string>(out var asked) ? asked.Trim() : "";
        if (question.Length == 0)
        {
            return AgentToolbox.ErrorResult("question is required.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var sub = new AgentTask
        {
            Id = Guid.NewGuid(),
            WorkspaceId = asker.WorkspaceId,
            AgentId = other.Id,
            Description = Text.Shorten(question, AgentTask.MaxDescriptionLength - 1),
            Status = AgentTaskStatus.Queued,
            CreatedBy = asker.CreatedBy,
            ParentTaskId = asker.Id,
            Depth = asker.Depth + 1,
            // A scheduled task's helpers work under the schedule's (narrower) approval policies too.
            ScheduleId = asker.ScheduleId,
            Source = asker.Source,
            SourceRef = asker.SourceRef,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // Leased before it exists, under an owner of its own (the runner of this instance renews its own leases): no
        // runner, here or elsewhere, takes it from the queue while it runs here.
        var lease = TaskRunnerService.LeaseName(sub.Id);
        var owner = $"{leases.InstanceId}/asked-by/{asker.Id:N}";
        await leases.TryAcquireAsync(lease, owner, options.CurrentValue.MaxDuration + TimeSpan.FromMinutes(1), cancellationToken);
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                db.Tasks.Add(sub);
                await db.SaveChangesAsync(cancellationToken);
            }

            events.Publish(new TaskChanged(sub.WorkspaceId, sub.Id, sub.AgentId, AgentTaskStatus.Queued));
            await services.GetRequiredService<TaskRunner>().RunAsync(sub.Id, cancellationToken, budget);
        }
        finally
        {
            await leases.ReleaseAsync(lease, owner, CancellationToken.None);
        }

        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ended = await read.Tasks.AsNoTracking().Where(t => t.Id == sub.Id).Select(t => new { t.Status, t.Result, t.Error }).SingleAsync(cancellationToken);
        var previews = await read.Approvals.AsNoTracking().Where(a => a.TaskId == sub.Id && a.Status == ApprovalStatus.Pending)
            .Select(a => a.Preview).ToListAsync(cancellationToken);
        var (result, sentence, succeeded) = ended.Status switch
        {
            AgentTaskStatus.Succeeded or AgentTaskStatus.Answered =>
                (new JsonObject { ["answer"] = ended.Result }.ToJsonString(), new Sentence("Tasks_HandOffAnswered", other.Name, Text.Shorten(ended.Result ?? "", 400)), (bool?)true),
            AgentTaskStatus.AwaitingApproval =>
                (new JsonObject
                {
                    ["answer"] = ended.Result,
                    ["waiting_for_approval"] = new JsonArray([.. previews.Select(p => (JsonNode?)p)]),
                    ["note"] = $"{other.Name} prepared a write that a person must approve first; it is sent once approved.",
                }.ToJsonString(), new Sentence("Tasks_HandOffWaiting", other.Name), (bool?)null),
            _ => (AgentToolbox.ErrorResult($"{other.Name} could not answer: {ended.Error ?? ended.Status.ToString()}"),
                new Sentence("Tasks_HandOffFailed", other.Name), (bool?)false),
        };
        await journal.AddAsync(asker, TaskStepKind.ToolResult, sentence.English(), ToolName(other.Id), succeeded: succeeded,
            cancellationToken: cancellationToken, sentence: sentence, linkedTaskId: sub.Id);
        return result;
    }

    private sealed class AskFunction(HandOffs handOffs, AgentTask asker, AgentDefinition other, TurnBudget budget) : AIFunction
    {
        public override string Name => ToolName(other.Id);

        public override string Description => $"Ask {other.Name}, the team's {other.Role}, to do or answer something with its own integrations and the Brain; returns its answer.";

        public override JsonElement JsonSchema => Schema;

        protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
            await handOffs.AskAsync(asker, other, arguments, budget, cancellationToken);
    }
}
