namespace AgentHub.Web.Endpoints;

/// <summary>A workspace's own OAuth app for a provider.</summary>
public sealed record OAuthAppRequest(string? ClientId, string? ClientSecret);
