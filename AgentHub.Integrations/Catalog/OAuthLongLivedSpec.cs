namespace AgentHub.Integrations.Catalog;

/// <summary>An extension grant at the token endpoint that trades the new token for a long-lived one.</summary>
public sealed record OAuthLongLivedSpec
{
    public required string GrantType { get; init; }

    /// <summary>The form parameter that carries the short-lived token.</summary>
    public required string TokenParam { get; init; }
}
