namespace AgentHub.Core.Webhooks;

/// <summary>"When {provider} sends {event type}, ask {agent} to {instruction}": a workspace's rule that turns events into tasks.</summary>
public sealed class WebhookRule
{
    public const int MaxInstructionLength = 1000;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string ProviderId { get; set; }
    public required string EventType { get; set; }
    public required string AgentId { get; set; }

    /// <summary>What the agent is asked; <c>{id}</c> becomes the event's subject (a ticket, a deal), <c>{type}</c> its type.</summary>
    public required string Instruction { get; set; }
    public bool Enabled { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
