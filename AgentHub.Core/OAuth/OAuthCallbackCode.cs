namespace AgentHub.Core.OAuth;

/// <summary>How an OAuth callback ended (the page shows a fixed sentence for each).</summary>
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

    /// <summary>The user may no longer change integrations (demoted since starting): nothing was requested or stored.</summary>
    Forbidden,
}
