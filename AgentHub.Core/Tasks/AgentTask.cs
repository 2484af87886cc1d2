namespace AgentHub.Core.Tasks;

/// <summary>
/// A piece of work asked of an agent. The conversation with the model is kept (tool results included, credentials
/// never), so the task resumes where it stopped: after a restart, or when an approval is decided.
/// </summary>
public sealed class AgentTask
{
    public const int MaxDescriptionLength = 4000;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string AgentId { get; set; }
    public required string Description { get; set; }
    /// <summary>Changed only by the entity's transitions (one conditional write each), never assigned by a service.</summary>
    public AgentTaskStatus Status { get; init; }
    public required string CreatedBy { get; set; }

    /// <summary>
    /// For a task an outside event started: the event (provider, type, id) as JSON. It reaches the model as data in a
    /// block of its own, never as part of the instruction.
    /// </summary>
    public string? TriggerJson { get; set; }

    /// <summary>The model conversation as Microsoft.Extensions.AI messages (JSON); empty until the first run.</summary>
    public string? ConversationJson { get; set; }

    /// <summary>Model turns used so far (the budget counts across resumes).</summary>
    public int Turns { get; set; }

    /// <summary>Time spent running so far, in milliseconds (time waiting for a human does not count).</summary>
    public long RunMilliseconds { get; set; }

    public string? Result { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>The conversation this task is a turn of (every task asked by a person or an event is one); null for a hand-off's sub-turn.</summary>
    public Guid? ConversationId { get; set; }

    /// <summary>The turn's place in its conversation, from 1 (unique per conversation).</summary>
    public int TurnIndex { get; set; }

    /// <summary>For a hand-off: the task whose helper asked this one.</summary>
    public Guid? ParentTaskId { get; set; }

    /// <summary>0 for a turn; 1 for a helper another asked; 2 for one that helper asked in turn (the deepest).</summary>
    public int Depth { get; set; }

    /// <summary>The schedule whose occurrence (or run by hand) started the task; its approval policies may be narrower.</summary>
    public Guid? ScheduleId { get; set; }

    /// <summary>What started the work its model calls are counted against: a person, a webhook rule, a schedule or an MCP token (<see cref="TaskSources"/>).</summary>
    public string Source { get; set; } = TaskSources.Person;

    /// <summary>Which one: the rule's provider and event, the schedule's id, the token's name; null for a person.</summary>
    public string? SourceRef { get; set; }

    public List<TaskStep> Steps { get; set; } = [];

    public bool IsFinished => Status.IsFinished();
}

/// <summary>The sources AI usage is counted by.</summary>
public static class TaskSources
{
    public const string Person = "person";
    public const string Webhook = "webhook";
    public const string Schedule = "schedule";
    public const string Mcp = "mcp";

    public static readonly IReadOnlyList<string> All = [Person, Webhook, Schedule, Mcp];
}
