namespace AgentHub.Core.Webhooks;

/// <summary>A rule, stored or suggested by the catalog (suggested ones have no id and are off).</summary>
public sealed record WebhookRuleView(
    Guid? Id,
    string ProviderId,
    string ProviderName,
    string EventType,
    string AgentId,
    string AgentName,
    string Instruction,
    bool Enabled,
    bool Suggested);
