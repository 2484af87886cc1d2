namespace AgentHub.Core.OAuth;

/// <summary>
/// An authorization under way: created when a user clicks "Connect with X", burned by the callback. Only the SHA-256
/// of the state is stored (the state itself is a bearer secret in the browser's address bar); the PKCE verifier is
/// stored encrypted. Bound to the workspace and user who started it, valid for a few minutes, usable once.
/// </summary>
public sealed class OAuthFlow
{
    public Guid Id { get; set; }

    /// <summary>Hex SHA-256 of the state parameter.</summary>
    public string StateHash { get; set; } = "";

    public Guid WorkspaceId { get; set; }
    public string UserId { get; set; } = "";
    public string AgentId { get; set; } = "";
    public string ProviderId { get; set; } = "";

    /// <summary>The non-secret settings given before authorizing (a Zendesk subdomain), as a JSON object.</summary>
    public string? SettingsJson { get; set; }

    /// <summary>The PKCE code verifier, encrypted (null when the provider takes no PKCE).</summary>
    public string? ProtectedCodeVerifier { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the callback burned the state (a second callback with it is a replay).</summary>
    public DateTime? UsedAt { get; set; }
}
