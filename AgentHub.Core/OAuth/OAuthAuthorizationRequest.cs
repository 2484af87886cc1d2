namespace AgentHub.Core.OAuth;

/// <summary>What the authorization URL is built from: the app, the settings, the state and the PKCE challenge.</summary>
public sealed record OAuthAuthorizationRequest(
    string ProviderId,
    OAuthClient Client,
    IReadOnlyDictionary<string, string> Settings,
    string State,
    string? CodeChallenge,
    string RedirectUri);
