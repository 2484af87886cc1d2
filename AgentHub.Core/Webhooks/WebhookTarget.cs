using AgentHub.Core.Catalog;

namespace AgentHub.Core.Webhooks;

/// <summary>A verified delivery's endpoint, as the receiver needs it (found by the SHA-256 of the key in the address).</summary>
public sealed record WebhookTarget(Guid EndpointId, Guid WorkspaceId, ProviderDefinition Provider, WebhookDefinition Hook, string? ProtectedSecrets);
