namespace AgentHub.Core.Conversations;

/// <summary>
/// A conversation with one helper: a sequence of turns, each an <see cref="Tasks.AgentTask"/> run by the task runner
/// (lease, budget, approvals and timeline as for any task), whose model request holds the earlier turns. When they
/// pass the context budget, the oldest are replaced by a summary the model wrote, kept here and shown as such.
/// </summary>
public sealed class Conversation
{
    public const int MaxTitleLength = 200;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string AgentId { get; set; }

    /// <summary>The first message, shortened.</summary>
    public required string Title { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the last turn was asked (the list is newest first by it).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>How many turns were asked.</summary>
    public int TurnCount { get; set; }

    /// <summary>The model's summary of turns 1 to <see cref="SummarizedTurns"/>, which it receives instead of them.</summary>
    public string? Summary { get; set; }

    public int SummarizedTurns { get; set; }
}
