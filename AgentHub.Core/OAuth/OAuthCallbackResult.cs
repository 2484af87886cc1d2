namespace AgentHub.Core.OAuth;

/// <summary>
/// How a callback ended, for the page the browser lands on: where (agent and integration, when the state was known)
/// and a code from a fixed list (never text from the query string).
/// </summary>
public sealed record OAuthCallbackResult(OAuthCallbackCode Code, string? AgentId = null, string? ProviderId = null);

public enum OAuthCallbackCode
{
    /// <summary>Authorized, and the check with the new token passed.</summary>
    Connected,

    /// <summary>Authorized and saved, but the check with the new token failed (the status says why).</summary>
    CheckFailed,

    /// <summary>The user (or the provider) declined: access_denied or another error on the callback.</summary>
    Denied,

    /// <summary>No such state: never issued, or tampered with.</summary>
    UnknownState,

    /// <summary>The state was issued more than the state lifetime ago.</summary>
    ExpiredState,

    /// <summary>The state was already used: a replayed callback.</summary>
    ReplayedState,

    /// <summary>The state belongs to another user or workspace.</summary>
    ForeignState,

    /// <summary>The provider did not exchange the code for tokens.</summary>
    ExchangeFailed,
}
