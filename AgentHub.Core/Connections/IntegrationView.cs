using System.Text.Json.Serialization;

namespace AgentHub.Core.Connections;

/// <summary>
/// One integration of one agent, as the API and the pages show it. Never carries a secret value: for an OAuth
/// connection, only how it was made and when its access token expires.
/// </summary>
public sealed record IntegrationView(
    string Id,
    string Name,
    string Icon,
    string Description,
    string Category,
    string DocsUrl,
    ConnectionStatus Status,
    bool IsConfigured,
    OutcomeReason? StatusReason,
    string? StatusMessage,
    string? ProviderMessage,
    DateTime? LastTestedAt,
    DateTime? LastConnectedAt,
    DateTime? UpdatedAt,
    IReadOnlyList<string> SharedWith,
    IReadOnlyList<CredentialFieldView> RequiredCredentials,
    string? Version,
    ConnectionAuthMethod AuthMethod = ConnectionAuthMethod.Credentials,
    [property: JsonPropertyName("oauth_supported")] bool OAuthSupported = false,
    [property: JsonPropertyName("oauth_available")] bool OAuthAvailable = false,
    DateTime? ExpiresAt = null,
    string? AccountName = null)
{
    /// <summary>The provider refused to renew the authorization: the user has to reconnect with OAuth.</summary>
    [JsonIgnore]
    public bool NeedsReauthorization => Status == ConnectionStatus.Error && StatusReason == OutcomeReason.ReauthorizationRequired;
}
