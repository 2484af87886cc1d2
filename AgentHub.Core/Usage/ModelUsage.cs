namespace AgentHub.Core.Usage;

/// <summary>
/// One model response's usage: tokens in (of which cached) and out, the model, and what it was for (workspace, helper,
/// task or conversation turn, and the source: a person, a webhook rule, a schedule, an MCP token). The cost is computed
/// from the configured prices when it is recorded (null: the model has no price).
/// </summary>
public sealed class ModelUsage
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public DateTime At { get; set; }
    public required string Model { get; set; }
    public string? AgentId { get; set; }
    public Guid? TaskId { get; set; }
    public Guid? ConversationId { get; set; }
    public required string Source { get; set; }
    public string? SourceRef { get; set; }
    public long InputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long OutputTokens { get; set; }

    /// <summary>Cost in millionths of <c>AI:Currency</c>; null when the model has no price.</summary>
    public long? CostMicros { get; set; }
}

/// <summary>
/// The day's sums per helper, source and model: what the usage page and the budget read (a month is at most a few
/// hundred rows, whatever the number of calls). Kept up to date with each recorded response.
/// </summary>
public sealed class ModelUsageDay
{
    public long Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public DateTime Day { get; set; }

    /// <summary>The helper; "" for model work no helper did.</summary>
    public required string AgentId { get; set; }

    public required string Source { get; set; }
    public required string Model { get; set; }
    public long Calls { get; set; }
    public long InputTokens { get; set; }
    public long CachedInputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long CostMicros { get; set; }

    /// <summary>Calls whose model had no price (their tokens are counted, their cost is not).</summary>
    public long UnpricedCalls { get; set; }
}
