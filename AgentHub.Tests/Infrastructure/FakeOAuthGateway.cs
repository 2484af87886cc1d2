using System.Collections.Concurrent;
using AgentHub.Core.OAuth;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// An <see cref="IOAuthGateway"/> for component tests: operator apps for the providers listed in
/// <see cref="OperatorApps"/>, authorization URLs that are only looked at (never fetched), and scripted token answers.
/// </summary>
public sealed class FakeOAuthGateway : IOAuthGateway
{
    public HashSet<string> OperatorApps { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<OAuthAuthorizationRequest> Authorizations { get; } = new();
    public Func<OAuthRefreshRequest, OAuthTokenResult> Refresh { get; set; } =
        _ => OAuthTokenResult.Failed(OAuthTokenOutcome.Transient, "not scripted");

    public OAuthClient? OperatorClient(string providerId) =>
        OperatorApps.Contains(providerId) ? new OAuthClient("operator-client", "operator-secret", OAuthClientSource.Operator) : null;

    public bool HasOperatorClient(string providerId) => OperatorApps.Contains(providerId);

    public Uri AuthorizationUrl(OAuthAuthorizationRequest request)
    {
        Authorizations.Enqueue(request);
        return new Uri($"https://auth.example.test/{request.ProviderId}/authorize?state={Uri.EscapeDataString(request.State)}");
    }

    public Task<OAuthTokenResult> ExchangeCodeAsync(OAuthCodeExchange exchange, CancellationToken cancellationToken) =>
        Task.FromResult(OAuthTokenResult.Failed(OAuthTokenOutcome.Rejected, "not scripted"));

    public Task<OAuthTokenResult> RefreshAsync(OAuthRefreshRequest refresh, CancellationToken cancellationToken) =>
        Task.FromResult(Refresh(refresh));
}
