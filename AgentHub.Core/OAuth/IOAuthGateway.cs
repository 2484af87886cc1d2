namespace AgentHub.Core.OAuth;

/// <summary>
/// The provider side of OAuth 2.0, implemented by AgentHub.Integrations from the catalog's <c>oauth</c> blocks: the
/// operator's apps, authorization URLs, and the token requests (through the egress guard).
/// </summary>
public interface IOAuthGateway
{
    /// <summary>The operator's app for a provider (Integrations:Providers:{id}:OAuth), or null.</summary>
    OAuthClient? OperatorClient(string providerId);

    /// <summary>Whether the operator configured an app for the provider (no allocation: read on every list).</summary>
    bool HasOperatorClient(string providerId);

    Uri AuthorizationUrl(OAuthAuthorizationRequest request);

    /// <summary>Exchanges an authorization code, then makes the provider's post-exchange call if it has one.</summary>
    Task<OAuthTokenResult> ExchangeCodeAsync(OAuthCodeExchange exchange, CancellationToken cancellationToken);

    Task<OAuthTokenResult> RefreshAsync(OAuthRefreshRequest refresh, CancellationToken cancellationToken);
}
