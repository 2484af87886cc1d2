using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Core.CallLog;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Actions;

/// <summary>
/// Runs an action with a workspace's connection: only a connected one, with its OAuth token renewed before use and
/// once more on a refusal. Reads go through the response cache (HybridCache), keyed by connection, credentials
/// fingerprint, action and canonical arguments; cached entries hold the kept answer only, never a credential. A write,
/// a credential change or a disconnect evicts the connection's entries.
/// </summary>
public sealed partial class ConnectionActionService
{
    private readonly IDbContextFactory<AgentHubDbContext> _dbFactory;
    private readonly IIntegrationCatalog _catalog;
    private readonly ConnectionSecretProtector _protector;
    private readonly IConnectionTokens _tokens;
    private readonly IActionExecutor _executor;
    private readonly HybridCache _cache;
    private readonly ICallLogWriter _callLog;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectionActionService> _logger;

    public ConnectionActionService(
        IDbContextFactory<AgentHubDbContext> dbFactory,
        IIntegrationCatalog catalog,
        ConnectionSecretProtector protector,
        IConnectionTokens tokens,
        IActionExecutor executor,
        HybridCache cache,
        ICallLogWriter callLog,
        ConnectionEvents events,
        TimeProvider time,
        ILogger<ConnectionActionService> logger)
    {
        (_dbFactory, _catalog, _protector, _tokens, _executor, _cache, _callLog, _time, _logger) =
            (dbFactory, catalog, protector, tokens, executor, cache, callLog, time, logger);
        // Configure, disconnect, a token refresh or a test: whatever changed about the connection, its answers go.
        events.Changed += change => _ = _cache.RemoveByTagAsync(Tag(change.WorkspaceId, change.ProviderId));
    }

    /// <param name="credentialsVersion">For an approved write: the connection it was previewed with; another one sends nothing.</param>
    public async Task<ActionOutcome> InvokeAsync(
        Guid workspaceId, ActionDefinition action, JsonObject arguments, string? idempotencyKey, CancellationToken cancellationToken, Guid? credentialsVersion = null)
    {
        var provider = _catalog.FindProvider(action.ProviderId)!;
        var connection = await LoadAsync(workspaceId, provider.Id, cancellationToken);
        if (connection is not { Status: ConnectionStatus.Connected, ProtectedSecrets: not null })
        {
            return ActionOutcome.Failed(new Sentence("Actions_NotConnected", provider.Name, action.ToolName));
        }

        if (credentialsVersion is { } pinned && connection.CredentialsVersion != pinned)
        {
            return ActionOutcome.Failed(new Sentence("Actions_ConnectionChanged", provider.Name, action.ToolName));
        }

        if (action.Effect == ActionEffect.Read && action.CacheTtl is { } ttl)
        {
            return await CachedReadAsync(workspaceId, action, arguments, connection, ttl, cancellationToken);
        }

        var outcome = await ExecuteAsync(workspaceId, action, arguments, idempotencyKey, connection, cancellationToken);
        if (action.Effect == ActionEffect.Write)
        {
            await _cache.RemoveByTagAsync(Tag(workspaceId, provider.Id), cancellationToken);
        }

        return outcome;
    }

    private async Task<ActionOutcome> CachedReadAsync(
        Guid workspaceId, ActionDefinition action, JsonObject arguments, Connection connection, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var key = $"action:{workspaceId:N}:{action.ProviderId}:{CredentialsFingerprint(connection)}:{action.Name}:{ActionArguments.Fingerprint(arguments)}";
        var called = false;
        var outcome = await _cache.GetOrCreateAsync(
            key,
            async token =>
            {
                called = true;
                return await ExecuteAsync(workspaceId, action, arguments, null, connection, token);
            },
            new HybridCacheEntryOptions { Expiration = ttl, LocalCacheExpiration = ttl },
            [Tag(workspaceId, action.ProviderId)],
            cancellationToken);

        if (called)
        {
            if (!outcome.Succeeded)
            {
                await _cache.RemoveAsync(key, cancellationToken); // a failure is not an answer worth keeping
            }

            return outcome;
        }

        await _callLog.RecordAsync(new ProviderCall
        {
            WorkspaceId = workspaceId,
            ProviderId = action.ProviderId,
            Method = "CACHE",
            Host = "agenthub",
            Path = action.ToolName,
            Reason = OutcomeReason.Ok,
            CacheHit = true,
            Background = true,
            CreatedAt = _time.GetUtcNow().UtcDateTime,
        }, CancellationToken.None);
        return outcome with { Cached = true };
    }

    private async Task<ActionOutcome> ExecuteAsync(
        Guid workspaceId, ActionDefinition action, JsonObject arguments, string? idempotencyKey, Connection connection, CancellationToken cancellationToken)
    {
        var fresh = await _tokens.EnsureFreshAsync(connection, cancellationToken: cancellationToken);
        connection = fresh.Connection ?? connection;
        if (fresh.State == TokenRefreshState.ReauthorizationRequired)
        {
            return ActionOutcome.Failed(new Sentence("Actions_NeedsReauthorization", action.ProviderId, action.ToolName), reason: OutcomeReason.ReauthorizationRequired);
        }

        var outcome = await _executor.ExecuteAsync(Request(workspaceId, action, arguments, idempotencyKey, connection), cancellationToken);
        if (connection.AuthMethod == ConnectionAuthMethod.OAuth2 && outcome.Reason == OutcomeReason.AuthInvalid)
        {
            // Refused before its expiry (revoked or rotated): refresh. A read is retried once. A write is not: the 401
            // may have come from a later step of a multi-step write (Instagram's publish after its media step), and
            // sending it again would repeat the steps that succeeded. The failure is reported; the token is fresh.
            var retried = await _tokens.EnsureFreshAsync(connection, force: true, cancellationToken);
            if (action.Effect == ActionEffect.Read && retried is { State: TokenRefreshState.Refreshed, Connection: { } refreshed })
            {
                outcome = await _executor.ExecuteAsync(Request(workspaceId, action, arguments, idempotencyKey, refreshed), cancellationToken);
            }
        }

        LogExecuted(_logger, workspaceId, action.ToolName, outcome.Succeeded, outcome.HttpStatus);
        return outcome;
    }

    private ActionRequest Request(Guid workspaceId, ActionDefinition action, JsonObject arguments, string? idempotencyKey, Connection connection)
    {
        return new ActionRequest(workspaceId, action.ProviderId, action.Name, arguments, _protector.RequestValues(connection),
            connection.AuthMethod == ConnectionAuthMethod.OAuth2, idempotencyKey);
    }

    private async Task<Connection?> LoadAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.ProviderId == providerId, cancellationToken);
    }

    /// <summary>Changes whenever the stored credentials or settings change, on any instance sharing the database.</summary>
    private static string CredentialsFingerprint(Connection connection) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{connection.ProtectedSecrets}\n{connection.SettingsJson}")))[..16];

    public static string Tag(Guid workspaceId, string providerId) => $"connection:{workspaceId:N}:{providerId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {Tool} in workspace {WorkspaceId}: succeeded {Succeeded}, status {Status}")]
    private static partial void LogExecuted(ILogger logger, Guid workspaceId, string tool, bool succeeded, int? status);
}
