using System.Text.Json.Serialization;
using AgentHub.Core.Tasks;

namespace AgentHub.Core.Conversations;

/// <summary>A conversation in a list: its title, size and the state of its last turn.</summary>
public sealed record ConversationSummaryView(
    Guid Id,
    string AgentId,
    string Title,
    int TurnCount,
    AgentTaskStatus? LastStatus,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>A conversation with its turns (each a task, with its timeline and approvals) and the summary of its oldest turns, if any.</summary>
public sealed record ConversationView(
    Guid Id,
    string AgentId,
    string Title,
    int TurnCount,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string? Summary,
    int SummarizedTurns,
    IReadOnlyList<TaskView> Turns,
    Usage.UsageTotals? Usage = null);

/// <summary>
/// What a turn's stream sends after a given step: the steps written since (streamed words included), and the turn's
/// state now.
/// </summary>
public sealed record TurnProgress(
    Guid TurnId,
    AgentTaskStatus Status,
    string? Result,
    string? Error,
    IReadOnlyList<TaskStepView> Steps)
{
    [JsonIgnore]
    public bool Finished => Status.IsFinished();
}
