namespace AgentHub.Core.Webhooks;

/// <summary>Creates or updates the rule for (provider, event type, agent).</summary>
public sealed record SaveWebhookRuleRequest(string? ProviderId, string? EventType, string? AgentId, string? Instruction, bool Enabled);
