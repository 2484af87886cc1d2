using AgentHub.Core.Common;

namespace AgentHub.Core.Workspaces;

/// <summary>A tenant: every connection, call-log row and audit row belongs to one workspace.</summary>
public sealed class Workspace
{
    public const int MaxNameLength = 128;

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The language the agents answer in (unless a person writes in another); at first, the owner's.</summary>
    public string Language { get; set; } = Languages.English;

    /// <summary>The month's model budget in tokens (input and output); null: no token limit.</summary>
    public long? BudgetTokens { get; set; }

    /// <summary>The month's model budget in millionths of <c>AI:Currency</c>; null: no cost limit.</summary>
    public long? BudgetCostMicros { get; set; }

    /// <summary>The last budget threshold audited, as "yyyy-MM:080" or "yyyy-MM:100" (ordered as text): each is audited once a month.</summary>
    public string? BudgetAlerted { get; set; }
}
