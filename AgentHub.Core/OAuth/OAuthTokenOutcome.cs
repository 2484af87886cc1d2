namespace AgentHub.Core.OAuth;

/// <summary>How a token request ended.</summary>
public enum OAuthTokenOutcome
{
    Ok,

    /// <summary>The grant (code or refresh token) is invalid, expired or revoked: RFC 6749 invalid_grant.</summary>
    InvalidGrant,

    /// <summary>The provider refused the client or the request (invalid_client, unauthorized_client, ...).</summary>
    Rejected,

    /// <summary>A passing failure: unreachable, timeout, 5xx, 429. Worth trying again later.</summary>
    Transient,
}
