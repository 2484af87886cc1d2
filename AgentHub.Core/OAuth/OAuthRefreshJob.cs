using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Leases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.OAuth;

/// <summary>
/// Refreshes OAuth tokens before they expire, and touches every refreshable connection at least once per
/// <see cref="OAuthOptions.TouchAfter"/> so that idle refresh tokens are not revoked. One instance runs each pass: the
/// pass holds a lease in the database. Also deletes authorizations that were started long ago.
/// </summary>
public sealed partial class OAuthRefreshJob(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    OAuthTokenRefresher refresher,
    LeaseStore leases,
    IOptionsMonitor<OAuthOptions> options,
    TimeProvider time,
    ILogger<OAuthRefreshJob> logger) : BackgroundService
{
    public const string LeaseName = "job:oauth-refresh";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.JobInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass, if this instance gets the lease; the number of connections refreshed (null: another instance has the pass).</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        // Held for the whole interval (not released): the other instances skip this pass.
        if (!await leases.TryAcquireAsync(LeaseName, leases.InstanceId, settings.JobInterval, cancellationToken))
        {
            return null;
        }

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

            // Authorizations never completed, or completed, a day ago: nothing will ever read them again.
            await db.OAuthFlows.Where(f => f.ExpiresAt < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth refresh pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
