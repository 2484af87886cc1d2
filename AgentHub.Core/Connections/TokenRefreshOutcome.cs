
namespace AgentHub.Core.Connections;

/// <summary>What <see cref="OAuthTokenRefresher"/> did: the connection as it now is, and whether its token is usable.</summary>
public sealed record TokenRefreshOutcome(Connection? Connection, TokenRefreshState State)
{
    public bool Usable => State is TokenRefreshState.Fresh or TokenRefreshState.Refreshed or TokenRefreshState.Deferred;
}
