namespace AgentHub.Core.Webhooks;

/// <summary>One event of a verified delivery: its id (the provider's or <c>sha256:</c> of its bytes), type, subject and text.</summary>
public sealed record WebhookEvent(string EventId, string? EventType, string? SubjectId, string Payload);
