namespace AgentHub.Core.OAuth;

/// <summary>A workspace's own OAuth app for a provider, as an owner enters it (trimmed).</summary>
public sealed record OAuthAppCredentials(string? ClientId, string? ClientSecret);
