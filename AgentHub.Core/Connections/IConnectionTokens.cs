namespace AgentHub.Core.Connections;

/// <summary>
/// Makes a connection's OAuth token fresh before use (a no-op for typed credentials): implemented by OAuth's
/// refresher, so Connections needs nothing of OAuth.
/// </summary>
public interface IConnectionTokens
{
    /// <param name="force">Refresh even if the token has not expired (the provider refused it).</param>
    Task<TokenRefreshOutcome> EnsureFreshAsync(Connection seen, bool force = false, CancellationToken cancellationToken = default);
}
