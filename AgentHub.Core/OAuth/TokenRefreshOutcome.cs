using AgentHub.Core.Connections;

namespace AgentHub.Core.OAuth;

/// <summary>What <see cref="OAuthTokenRefresher"/> did: the connection as it now is, and whether its token is usable.</summary>
public sealed record TokenRefreshOutcome(Connection? Connection, TokenRefreshState State)
{
    public bool Usable => State is TokenRefreshState.Fresh or TokenRefreshState.Refreshed or TokenRefreshState.Deferred;
}

public enum TokenRefreshState
{
    /// <summary>Not an OAuth connection, or its token is not near expiry: nothing to do.</summary>
    Fresh,

    /// <summary>New tokens were obtained (here or by another caller, which this one waited for).</summary>
    Refreshed,

    /// <summary>A passing failure (or another instance still holds the lease): the old token is kept, a retry is scheduled.</summary>
    Deferred,

    /// <summary>The provider refused the refresh (invalid_grant), or there is nothing to refresh with: reconnect.</summary>
    ReauthorizationRequired,
}
