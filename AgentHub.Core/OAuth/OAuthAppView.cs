namespace AgentHub.Core.OAuth;

/// <summary>
/// A provider's OAuth app as the workspace page shows it. The client secret is never part of it: only whether the
/// workspace has one stored.
/// </summary>
public sealed record OAuthAppView(
    string ProviderId,
    string ProviderName,
    OAuthClientSource ActiveSource,
    bool OperatorConfigured,
    string? WorkspaceClientId,
    DateTime? WorkspaceAppUpdatedAt,
    string RedirectUri);
