using AgentHub.Core.OAuth;

namespace AgentHub.Web.Endpoints;

/// <summary>The callback's outcome as a query value (<c>?oauth=</c>) and the sentence the page shows for it.</summary>
public static class OAuthOutcome
{
    public static string Code(OAuthCallbackCode code) => code switch
    {
        OAuthCallbackCode.Connected => "connected",
        OAuthCallbackCode.CheckFailed => "check_failed",
        OAuthCallbackCode.Denied => "denied",
        OAuthCallbackCode.UnknownState => "unknown_state",
        OAuthCallbackCode.ExpiredState => "expired_state",
        OAuthCallbackCode.ReplayedState => "replayed_state",
        OAuthCallbackCode.ForeignState => "foreign_state",
        OAuthCallbackCode.ExchangeFailed => "exchange_failed",
        OAuthCallbackCode.Forbidden => "forbidden",
        _ => "unknown_state",
    };

    /// <summary>A sentence for a code from the query string; null for anything not on the list.</summary>
    public static string? Sentence(string? code, string providerName) => code switch
    {
        "connected" => $"Connected with {providerName}.",
        "check_failed" => $"{providerName} authorized AgentHub, but the connection check failed: see the status below.",
        "denied" => $"The authorization was declined at {providerName}. Nothing was changed.",
        "unknown_state" => "This authorization link is not valid. Start again with “Connect”.",
        "expired_state" => "This authorization took too long and expired. Start again with “Connect”.",
        "replayed_state" => "This authorization was already used. Start again with “Connect” if you need to.",
        "foreign_state" => "This authorization was started by someone else, so it was refused. Start your own with “Connect”.",
        "exchange_failed" => $"{providerName} did not complete the authorization. Try again; if it keeps failing, check the OAuth app's settings.",
        "forbidden" => "Only a workspace owner or admin can change integrations, so this authorization was refused. Nothing was changed.",
        _ => null,
    };

    /// <summary>Whether the code means success (for the message's colour).</summary>
    public static bool IsSuccess(string? code) => code == "connected";
}
