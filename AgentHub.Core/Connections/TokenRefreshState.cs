namespace AgentHub.Core.Connections;

/// <summary>What a refresh attempt came to.</summary>
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
