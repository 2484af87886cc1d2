namespace AgentHub.Core.OAuth;

/// <summary>A refresh token to trade for a new access token (never logged).</summary>
public sealed record OAuthRefreshRequest(
    Guid WorkspaceId,
    string ProviderId,
    OAuthClient Client,
    IReadOnlyDictionary<string, string> Settings,
    string RefreshToken)
{
    public override string ToString() => $"OAuthRefreshRequest {{ ProviderId = {ProviderId} }}";
}
