namespace AgentHub.Core.OAuth;

/// <summary>An authorization code to exchange for tokens, with the PKCE verifier that goes with it (never logged).</summary>
public sealed record OAuthCodeExchange(
    Guid WorkspaceId,
    string ProviderId,
    OAuthClient Client,
    IReadOnlyDictionary<string, string> Settings,
    string Code,
    string? CodeVerifier,
    string RedirectUri)
{
    public override string ToString() => $"OAuthCodeExchange {{ ProviderId = {ProviderId} }}";
}
