using System.Text.Json.Serialization;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;

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
    Guid? ApprovalId = null,
    [property: JsonIgnore] Sentence? Sentence = null,
    IReadOnlyList<TaskCitation>? Citations = null,
    Guid? LinkedTaskId = null,
    [property: JsonIgnore] long Id = 0)
{
    /// <summary>The summary in the reader's language when Core wrote it; otherwise as stored (the model's or a provider's words).</summary>
    [JsonIgnore]
    public string Text => Sentence?.InCurrentLanguage() ?? Summary;

    public static TaskStepView From(TaskStep step) =>
        new(step.Kind, step.Summary, step.At, step.Tool, step.Effect, step.Succeeded, step.Cached, step.ApprovalId, Sentence.FromJson(step.SentenceJson),
            step.CitationsJson is null ? null : TaskCitation.FromJson(step.CitationsJson), step.LinkedTaskId, step.Id);
}
