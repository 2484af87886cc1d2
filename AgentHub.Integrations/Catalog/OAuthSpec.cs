using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// How a provider connects with OAuth 2.0 (authorization code flow), as data: endpoints, scopes, PKCE, client
/// authentication, what to keep from the token response, an optional call after the exchange, and how the
/// verification check authenticates with the access token when it differs from the credential form's.
/// </summary>
public sealed record OAuthSpec
{
    /// <summary>An https URL template; placeholders must be settings constrained to a DNS label (Zendesk's subdomain).</summary>
    public required string AuthorizeUrl { get; init; }

    public required string TokenUrl { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public string ScopeSeparator { get; init; } = " ";

    /// <summary>Extra authorization parameters (Google: access_type=offline, prompt=consent).</summary>
    public IReadOnlyDictionary<string, string> AuthorizeParams { get; init; } = new Dictionary<string, string>();

    public PkceMode Pkce { get; init; } = PkceMode.None;
    public ClientAuthMethod ClientAuth { get; init; } = ClientAuthMethod.ClientSecretPost;

    /// <summary>The name of the client id parameter (TikTok calls it client_key).</summary>
    public string ClientIdParam { get; init; } = "client_id";

    /// <summary>The non-secret credential fields asked before authorizing (Zendesk subdomain, Search Console site_url).</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>The secret credential field the access token fills (what the check sends).</summary>
    public string TokenField { get; init; } = "access_token";

    /// <summary>Token-response fields to keep as settings: response field → setting name (Salesforce instance_url).</summary>
    public IReadOnlyDictionary<string, string> TokenExtras { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A second token request right after the code exchange that swaps the short-lived token for a long-lived one
    /// (Meta's <c>fb_exchange_token</c>: about 60 days instead of about 2 hours; Meta issues no refresh token).
    /// </summary>
    public OAuthLongLivedSpec? LongLived { get; init; }

    /// <summary>A call made with the new access token right after the exchange (Mailchimp's metadata, for the data center).</summary>
    public OAuthMetadataSpec? Metadata { get; init; }

    /// <summary>What the check does differently with an OAuth token (another auth header, another host).</summary>
    public OAuthCheckSpec? Check { get; init; }
}
