namespace AgentHub.Core.OAuth;

/// <summary>
/// How a callback ended, for the page the browser lands on: where (agent and integration, when the state was known)
/// and a code from a fixed list (never text from the query string).
/// </summary>
public sealed record OAuthCallbackResult(OAuthCallbackCode Code, string? AgentId = null, string? ProviderId = null);
