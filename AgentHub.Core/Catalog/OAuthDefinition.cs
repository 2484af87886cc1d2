namespace AgentHub.Core.Catalog;

/// <summary>What Core needs to know about a provider's OAuth 2.0 connect: the rest is the Integrations layer's.</summary>
public sealed record OAuthDefinition
{
    /// <summary>The non-secret credential fields asked before authorizing.</summary>
    public required IReadOnlyList<string> Settings { get; init; }

    /// <summary>The secret credential field the access token fills.</summary>
    public required string TokenField { get; init; }

    public required PkceMode Pkce { get; init; }
}
