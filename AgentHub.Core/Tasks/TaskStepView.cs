using AgentHub.Core.Catalog;

namespace AgentHub.Core.Tasks;

/// <summary>One entry of a task's timeline as the API and pages show it.</summary>
public sealed record TaskStepView(
    TaskStepKind Kind,
    string Summary,
    DateTime At,
    string? Tool = null,
    ActionEffect? Effect = null,
    bool? Succeeded = null,
    bool Cached = false,
    Guid? ApprovalId = null)
{
    public static TaskStepView From(TaskStep step) =>
        new(step.Kind, step.Summary, step.At, step.Tool, step.Effect, step.Succeeded, step.Cached, step.ApprovalId);
}
