using AgentHub.Core.Catalog;

namespace AgentHub.Core.Tasks;

/// <summary>One entry of a task's timeline. Arguments appear only as a shortened summary; results hold no credential.</summary>
public sealed class TaskStep
{
    public const int MaxSummaryLength = 2000;

    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public TaskStepKind Kind { get; set; }
    public string? Tool { get; set; }
    public ActionEffect? Effect { get; set; }
    public required string Summary { get; set; }

    /// <summary>When Core wrote the summary: its sentence (key and arguments, JSON), so a page reads it in the reader's language.</summary>
    public string? SentenceJson { get; set; }

    /// <summary>For a Brain search: the sources it returned (JSON list of <see cref="TaskCitation"/>).</summary>
    public string? CitationsJson { get; set; }
    public bool? Succeeded { get; set; }
    public bool Cached { get; set; }
    public Guid? ApprovalId { get; set; }

    /// <summary>For a hand-off (<c>ask_{agent}</c>): the other helper's task.</summary>
    public Guid? LinkedTaskId { get; set; }
    public DateTime At { get; set; }
}
