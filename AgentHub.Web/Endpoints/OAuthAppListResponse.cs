using AgentHub.Core.OAuth;

namespace AgentHub.Web.Endpoints;

/// <summary>Every OAuth-capable provider, where its app comes from, and the redirect URI to register.</summary>
public sealed record OAuthAppListResponse(string RedirectUri, IReadOnlyList<OAuthAppView> Apps);
