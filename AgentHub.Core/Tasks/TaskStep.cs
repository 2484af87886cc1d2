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
    public bool? Succeeded { get; set; }
    public bool Cached { get; set; }
    public Guid? ApprovalId { get; set; }
    public DateTime At { get; set; }
}
