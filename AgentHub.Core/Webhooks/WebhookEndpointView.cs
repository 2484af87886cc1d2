using AgentHub.Core.Connections;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// A connection's webhook endpoint as its integration page and the API show it. <see cref="Address"/> (which holds the
/// key) is given to owners and admins only; secrets are never shown back, only whether they are set.
/// </summary>
public sealed record WebhookEndpointView(
    string ProviderId,
    string ProviderName,
    string? Address,
    bool Signed,
    string Scheme,
    string Setup,
    IReadOnlyList<CredentialFieldView> Secrets,
    bool Ready,
    int RejectedCount,
    DateTime? LastRejectedAt,
    int DuplicateCount,
    DateTime? LastDuplicateAt,
    DateTime KeyRotatedAt,
    IReadOnlyList<WebhookDeliveryView> Deliveries);
