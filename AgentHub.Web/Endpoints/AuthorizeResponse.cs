namespace AgentHub.Web.Endpoints;

/// <summary>Where to send the browser: the provider's authorization page.</summary>
public sealed record AuthorizeResponse(Uri AuthorizationUrl);
