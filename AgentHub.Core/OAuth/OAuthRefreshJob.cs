using AgentHub.Core.Background;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.OAuth;

/// <summary>
/// Refreshes OAuth tokens before they expire, and touches every refreshable connection at least once per
/// <see cref="OAuthOptions.TouchAfter"/> so that idle refresh tokens are not revoked. A recurring job: one instance
/// runs each pass.
/// </summary>
public sealed partial class OAuthRefreshJob(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    OAuthTokenRefresher refresher,
    IOptionsMonitor<OAuthOptions> options,
    TimeProvider time,
    ILogger<OAuthRefreshJob> logger) : IRecurringJob
{
    public string Name => "oauth-refresh";

    public TimeSpan Interval => options.CurrentValue.JobInterval;

    public Task RunAsync(CancellationToken cancellationToken) => RefreshDueAsync(cancellationToken);

    /// <summary>Refreshes every connection that is due; returns how many were refreshed.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        var soon = now + settings.JobInterval + settings.RefreshMargin;
        var idle = now - settings.TouchAfter;
        List<Connection> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Connections.AsNoTracking()
                .Where(c => c.AuthMethod == ConnectionAuthMethod.OAuth2 && c.ProtectedSecrets != null && c.Status != ConnectionStatus.Disconnected &&
                            !(c.Status == ConnectionStatus.Error && c.StatusReason == OutcomeReason.ReauthorizationRequired) &&
                            (c.NextRefreshAttemptAt == null || c.NextRefreshAttemptAt <= now) &&
                            ((c.AccessTokenExpiresAt != null && c.AccessTokenExpiresAt <= soon) || c.TokensRefreshedAt == null || c.TokensRefreshedAt < idle))
                .ToListAsync(cancellationToken);
        }

        var refreshed = 0;
        foreach (var connection in due)
        {
            var expiring = connection.AccessTokenExpiresAt is { } expires && expires <= soon;
            var outcome = await refresher.EnsureFreshAsync(connection, force: true, cancellationToken);
            if (outcome.State == TokenRefreshState.Refreshed)
            {
                refreshed++;
            }

            LogRefreshed(logger, connection.WorkspaceId, connection.ProviderId, expiring ? "expiring" : "idle", outcome.State);
        }

        LogPass(logger, due.Count, refreshed);
        return refreshed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth refresh pass: {Due} due, {Refreshed} refreshed")]
    private static partial void LogPass(ILogger logger, int due, int refreshed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OAuth refresh of {ProviderId} in workspace {WorkspaceId} ({Why}): {State}")]
    private static partial void LogRefreshed(ILogger logger, Guid workspaceId, string providerId, string why, TokenRefreshState state);
}
