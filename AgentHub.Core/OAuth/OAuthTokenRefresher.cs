using System.Collections.Concurrent;
using AgentHub.Core.Audit;
using AgentHub.Core.Background;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.OAuth;

/// <summary>
/// Keeps OAuth connections' access tokens fresh, once: single-flight per connection in this process (a semaphore)
/// and across instances sharing the database (a lease row, with a re-read after taking it, so a refresh another
/// caller just made is used instead of repeated). A rotated refresh token is saved in the same write as the new access
/// token, before the new token is handed to anyone. invalid_grant sets the connection to error with
/// reauthorization_required; a passing failure keeps the old status and schedules a retry with backoff.
/// </summary>
public sealed partial class OAuthTokenRefresher(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IOAuthGateway gateway,
    OAuthAppService apps,
    ConnectionSecretProtector protector,
    LeaseStore leases,
    AuditService audit,
    ConnectionEvents events,
    IOptionsMonitor<OAuthOptions> options,
    AgentHubMetrics metrics,
    TimeProvider time,
    ILogger<OAuthTokenRefresher> logger) : IConnectionTokens
{
    /// <summary>The key of the refresh token in a connection's protected secrets (beside the access token's field).</summary>
    public const string RefreshTokenKey = ConnectionSecretProtector.RefreshTokenKey;

    private static readonly TimeSpan LeasePoll = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _gates = new();

    /// <summary>The access token expires within min(RefreshMargin, half its lifetime).</summary>
    public bool NeedsRefresh(Connection connection)
    {
        if (connection.AuthMethod != ConnectionAuthMethod.OAuth2 || connection.AccessTokenExpiresAt is not { } expires ||
            connection is { Status: ConnectionStatus.Error, StatusReason: OutcomeReason.ReauthorizationRequired })
        {
            return false;
        }

        var lifetime = expires - (connection.TokensRefreshedAt ?? expires);
        var margin = TimeSpan.FromTicks(Math.Min(options.CurrentValue.RefreshMargin.Ticks, Math.Max(0, lifetime.Ticks / 2)));
        return expires - time.GetUtcNow().UtcDateTime <= margin;
    }

    /// <summary>
    /// Before a use: refreshes when the token is near expiry (or always, with <paramref name="force"/>, after the
    /// provider answered 401 to the current token), unless someone else already did since <paramref name="seen"/>.
    /// </summary>
    public async Task<TokenRefreshOutcome> EnsureFreshAsync(Connection seen, bool force = false, CancellationToken cancellationToken = default)
    {
        if (seen.AuthMethod != ConnectionAuthMethod.OAuth2 || (!force && !NeedsRefresh(seen)))
        {
            return new TokenRefreshOutcome(seen, TokenRefreshState.Fresh);
        }

        var gate = _gates.GetOrAdd(seen.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await LoadAsync(seen.Id, cancellationToken);
            if (Settled(seen, current, force) is { } settled)
            {
                return settled;
            }

            // Across instances: one lease per connection. While another instance holds it, wait for its result.
            var lease = $"oauth-refresh:{seen.Id:N}";
            var owner = $"{leases.InstanceId}:{Guid.NewGuid():N}";
            var waitUntil = time.GetUtcNow() + options.CurrentValue.RefreshWait;
            while (!await leases.TryAcquireAsync(lease, owner, options.CurrentValue.RefreshLease, cancellationToken))
            {
                if (time.GetUtcNow() > waitUntil)
                {
                    LogLeaseBusy(logger, seen.WorkspaceId, seen.ProviderId);
                    return new TokenRefreshOutcome(await LoadAsync(seen.Id, cancellationToken), TokenRefreshState.Deferred);
                }

                await Task.Delay(LeasePoll, time, cancellationToken);
                if (Settled(seen, await LoadAsync(seen.Id, cancellationToken), force) is { } done)
                {
                    return done;
                }
            }

            try
            {
                // Re-read under the lease: another instance may have refreshed between our read and our lease.
                current = await LoadAsync(seen.Id, cancellationToken);
                if (Settled(seen, current, force) is { } meanwhile)
                {
                    return meanwhile;
                }

                var refreshed = await RefreshAsync(current!, cancellationToken);
                metrics.TokenRefreshed(seen.ProviderId, refreshed.State switch
                {
                    TokenRefreshState.Refreshed => "refreshed",
                    TokenRefreshState.ReauthorizationRequired => "reauthorization_required",
                    _ => "deferred",
                });
                return refreshed;
            }
            finally
            {
                await leases.ReleaseAsync(lease, owner, CancellationToken.None);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The outcome without a refresh: gone, no longer OAuth, already refused, or refreshed by someone else.</summary>
    private TokenRefreshOutcome? Settled(Connection seen, Connection? current, bool force)
    {
        if (current is null || current.AuthMethod != ConnectionAuthMethod.OAuth2 || current.ProtectedSecrets is null)
        {
            return new TokenRefreshOutcome(current, TokenRefreshState.Fresh);
        }

        if (current is { Status: ConnectionStatus.Error, StatusReason: OutcomeReason.ReauthorizationRequired })
        {
            return new TokenRefreshOutcome(current, TokenRefreshState.ReauthorizationRequired);
        }

        var refreshedSince = current.TokensRefreshedAt > seen.TokensRefreshedAt || current.Version != seen.Version && current.ProtectedSecrets != seen.ProtectedSecrets;
        if (refreshedSince && (force || !NeedsRefresh(current)))
        {
            return new TokenRefreshOutcome(current, TokenRefreshState.Refreshed);
        }

        return !force && !NeedsRefresh(current) ? new TokenRefreshOutcome(current, TokenRefreshState.Fresh) : null;
    }

    private async Task<TokenRefreshOutcome> RefreshAsync(Connection connection, CancellationToken cancellationToken)
    {
        var provider = catalog.FindProvider(connection.ProviderId)
            ?? throw new InvalidOperationException($"Unknown provider {connection.ProviderId}.");
        var now = time.GetUtcNow().UtcDateTime;
        var secrets = protector.Unprotect(connection.WorkspaceId, provider.Id, connection.ProtectedSecrets!);
        if (!secrets.TryGetValue(RefreshTokenKey, out var refreshToken) || string.IsNullOrEmpty(refreshToken))
        {
            // Meta issues no refresh token: once the access token has expired, only a new authorization helps.
            return connection.AccessTokenExpiresAt <= now
                ? await RequireReauthorizationAsync(connection, provider, CoreText.Get("OAuth_ExpiredNoRenewal", provider.Name), null, cancellationToken)
                : new TokenRefreshOutcome(connection, TokenRefreshState.Fresh);
        }

        var client = await apps.ResolveClientAsync(connection.WorkspaceId, provider.Id, cancellationToken);
        if (client is null)
        {
            return await RequireReauthorizationAsync(connection, provider, CoreText.Get("OAuth_NoAppAnyMore", provider.Name), null, cancellationToken);
        }

        var settings = ConnectionSettings.Read(connection);
        var result = await gateway.RefreshAsync(new OAuthRefreshRequest(connection.WorkspaceId, provider.Id, client, settings, refreshToken), cancellationToken);
        switch (result.Outcome)
        {
            case OAuthTokenOutcome.Ok:
                secrets[provider.OAuth!.TokenField] = result.AccessToken!;
                if (result.RefreshToken is { } rotated)
                {
                    secrets[RefreshTokenKey] = rotated; // rotated: saved in the same write as the access token
                }

                return await SaveAsync(connection, c =>
                {
                    c.StoreRefreshedTokens(protector.Protect(c.WorkspaceId, provider.Id, secrets), ExpiresAt(result, now), now);
                }, TokenRefreshState.Refreshed, cancellationToken);
            case OAuthTokenOutcome.InvalidGrant or OAuthTokenOutcome.Rejected:
                return await RequireReauthorizationAsync(connection, provider, OutcomeReason.ReauthorizationRequired.Sentence(provider.Name), result.ErrorDescription ?? result.Error, cancellationToken);
            default:
                // The background module's one backoff: a minute after the first failure, doubling, up to MaxBackoff.
                var retryAt = now + Background.Backoff.Exponential(connection.RefreshFailures + 1, TimeSpan.FromMinutes(1), options.CurrentValue.MaxBackoff);
                LogRefreshDeferred(logger, connection.WorkspaceId, provider.Id, result.Error, retryAt);
                return await SaveAsync(connection, c => c.RecordRefreshFailure(retryAt), TokenRefreshState.Deferred, cancellationToken, publish: false);
        }
    }

    public static DateTime? ExpiresAt(OAuthTokenResult result, DateTime now) => result.ExpiresIn is { } lifetime ? now + lifetime : null;

    private async Task<TokenRefreshOutcome> RequireReauthorizationAsync(
        Connection connection, ProviderDefinition provider, string message, string? providerMessage, CancellationToken cancellationToken)
    {
        LogReauthorizationRequired(logger, connection.WorkspaceId, provider.Id);
        return await SaveAsync(connection, c => c.RequireReauthorization(message, providerMessage, time.GetUtcNow().UtcDateTime),
            TokenRefreshState.ReauthorizationRequired, cancellationToken, audited: "reauthorization_required");
    }

    private async Task<TokenRefreshOutcome> SaveAsync(
        Connection snapshot, Action<Connection> change, TokenRefreshState state, CancellationToken cancellationToken, bool publish = true, string? audited = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tracked = await db.Connections.SingleOrDefaultAsync(c => c.Id == snapshot.Id, cancellationToken);
        if (tracked is null || tracked.Version != snapshot.Version)
        {
            // Reconfigured or disconnected while the token request ran: those tokens describe a connection that is gone.
            return new TokenRefreshOutcome(tracked, TokenRefreshState.Deferred);
        }

        change(tracked);
        if (audited is not null || state == TokenRefreshState.Refreshed)
        {
            audit.Add(db, SystemActor(tracked.WorkspaceId), AuditActions.RefreshTokens, audited ?? "succeeded", tracked.ProviderId);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None); // once the provider answered, the answer is saved
        }
        catch (DbUpdateConcurrencyException)
        {
            return new TokenRefreshOutcome(await LoadAsync(snapshot.Id, cancellationToken), TokenRefreshState.Deferred);
        }

        if (publish)
        {
            events.Publish(new ConnectionChanged(tracked.WorkspaceId, tracked.ProviderId, tracked.Status));
        }

        return new TokenRefreshOutcome(tracked, state);
    }

    private async Task<Connection?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    internal static WorkspaceActor SystemActor(Guid workspaceId) => new(workspaceId, "system", "AgentHub", WorkspaceRole.Owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth refresh of {ProviderId} in workspace {WorkspaceId} deferred ({Error}); next attempt at {RetryAt:o}")]
    private static partial void LogRefreshDeferred(ILogger logger, Guid workspaceId, string providerId, string? error, DateTime retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth connection {ProviderId} in workspace {WorkspaceId} needs a new authorization")]
    private static partial void LogReauthorizationRequired(ILogger logger, Guid workspaceId, string providerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is refreshing {ProviderId} in workspace {WorkspaceId}; using the current token")]
    private static partial void LogLeaseBusy(ILogger logger, Guid workspaceId, string providerId);
}
