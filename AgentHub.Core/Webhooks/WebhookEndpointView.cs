using System.Text.Json.Serialization;
using AgentHub.Core.Connections;
using AgentHub.Core.OAuth;

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
    IReadOnlyList<WebhookDeliveryView> Deliveries)
{
    /// <summary>
    /// When the provider signs deliveries with its OAuth app's client secret: where that app comes from in this workspace
    /// (its own, the operator's, or none), so the page can say where the secret is found. Null when the secret is not an
    /// OAuth app's.
    /// </summary>
    [JsonPropertyName("signing_oauth_app")]
    public OAuthClientSource? SigningOAuthApp { get; init; }
}
