using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.OAuth;
using AgentHub.Core.Workspaces;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Connections;

/// <summary>
/// Lists, configures, tests and disconnects a workspace's integrations. The API and the Blazor pages both call it
/// in-process; every call is scoped to the actor's workspace, and every write validates its input first.
/// </summary>
public sealed partial class IntegrationService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    CredentialValidators validators,
    ConnectionSecretProtector protector,
    IConnectionVerifier verifier,
    AuditService audit,
    ConnectionEvents events,
    IntegrationViewMapper views,
    OAuthAppService oauthApps,
    OAuthTokenRefresher tokens,
    IMemoryCache cache,
    TimeProvider time,
    ILogger<IntegrationService> logger)
{
    /// <summary>
    /// How long a workspace's connection rows are served from memory. Every write through this process evicts them at
    /// once; a write made by another instance sharing the database shows here within this time.
    /// </summary>
    public static readonly TimeSpan ReadCacheLifetime = TimeSpan.FromSeconds(5);

    // The rows cache listens to every change published in this process (a write here, a token refresh, an OAuth app
    // registered), so no writer needs to know its key.
    private readonly bool _evictsOnChange = EvictOnChange(events, cache);

    private static bool EvictOnChange(ConnectionEvents events, IMemoryCache cache)
    {
        events.Changed += change => cache.Remove(CacheKey(change.WorkspaceId));
        return true;
    }

    public async Task<IReadOnlyList<AgentIntegrationsView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        var rows = await LoadConnectionsAsync(actor.WorkspaceId, cancellationToken);
        var apps = oauthApps.Sources(rows.OwnApps);
        return catalog.Agents.Select(agent => views.ToView(agent, rows.Connections, apps)).ToList();
    }

    public async Task<AgentIntegrationsView> GetAgentAsync(WorkspaceActor actor, string agentId, CancellationToken cancellationToken = default)
    {
        var agent = FindAgent(agentId);
        var rows = await LoadConnectionsAsync(actor.WorkspaceId, cancellationToken);
        // Built once per snapshot of the rows (a change replaces the snapshot): the same view object answers every read
        // until then, so the API can also keep its serialized form.
        return rows.AgentViews.GetOrAdd(agent.Id, static (_, state) =>
            state.Views.ToView(state.Agent, state.Rows.Connections, state.Apps.Sources(state.Rows.OwnApps)), (Views: views, Agent: agent, Rows: rows, Apps: oauthApps));
    }

    public async Task<IntegrationView> GetAsync(WorkspaceActor actor, string agentId, string integrationId, CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = Resolve(agentId, integrationId);
        var rows = await LoadConnectionsAsync(actor.WorkspaceId, cancellationToken);
        return views.ToView(agent, link, provider, rows.Connections.GetValueOrDefault(provider.Id), oauthApps.Sources(rows.OwnApps));
    }

    /// <summary>
    /// Validates and stores credentials and sets the connection to pending. A secret left blank keeps the stored one,
    /// unless a field that decides where secrets are sent changed. <paramref name="expectedVersion"/>, when given,
    /// must match the stored version (optimistic concurrency for a form that was loaded earlier).
    /// </summary>
    public async Task<IntegrationView> ConfigureAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        IReadOnlyDictionary<string, string?>? credentials,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = Resolve(agentId, integrationId);
        await EnsureCanManageAsync(actor, AuditActions.Configure, agent, provider, cancellationToken);
        if (credentials is null)
        {
            throw new ValidationException([new ValidationFailure("credentials", "The request must contain a 'credentials' object.")]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(
            c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id, cancellationToken);
        EnsureExpectedVersion(connection, expectedVersion);

        // Typing credentials over an OAuth connection replaces it: its token is not a typed secret to keep.
        var typed = connection is { IsConfigured: true, AuthMethod: ConnectionAuthMethod.Credentials };
        var stored = typed ? ConnectionSettings.Read(connection) : new Dictionary<string, string>();
        var savedSecrets = typed ? ConnectionSettings.SecretNames(connection) : new HashSet<string>();
        var submission = CredentialSubmission.Create(provider, credentials, stored, savedSecrets);
        var submitted = submission.Values.Where(kv => kv.Value is not null).Select(kv => kv.Key).ToList();
        var validation = await validators.For(provider).ValidateAsync(submission, cancellationToken);
        if (!validation.IsValid)
        {
            await audit.RecordAsync(actor, AuditActions.Configure, "rejected", provider.Id, agent.Id,
                validation.Errors.Select(e => e.PropertyName).Where(n => provider.FindField(n) is not null),
                "invalid values", cancellationToken);
            throw new ValidationException(validation.Errors);
        }

        var secrets = typed && connection!.ProtectedSecrets is { } existing
            ? protector.Unprotect(actor.WorkspaceId, provider.Id, existing)
            : new Dictionary<string, string>();
        var settings = new Dictionary<string, string>();
        foreach (var field in provider.Fields)
        {
            var value = submission.Value(field.Name);
            if (field.IsSecret)
            {
                if (value is not null)
                {
                    secrets[field.Name] = value;
                }
                else if (!submission.KeepsSavedSecret(field.Name))
                {
                    secrets.Remove(field.Name);
                }
            }
            else if (value is not null)
            {
                settings[field.Name] = field.Options is { Count: > 0 } ? value.ToLowerInvariant() : value;
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (connection is null)
        {
            connection = Connection.Create(actor.WorkspaceId, provider.Id, now);
            db.Connections.Add(connection);
        }

        connection.StoreCredentials(
            ConnectionSettings.Write(settings),
            secrets.Keys,
            protector.Protect(actor.WorkspaceId, provider.Id, secrets),
            $"Saved. Test the connection to {provider.Name} to finish.",
            now);

        audit.Add(db, actor, AuditActions.Configure, "succeeded", provider.Id, agent.Id, submitted);
        await SaveAsync(db, provider, cancellationToken);
        Changed(actor.WorkspaceId, provider.Id, connection.Status);
        LogConfigured(logger, actor.WorkspaceId, provider.Id, submitted.Count);
        return views.ToView(agent, link, provider, connection, await SourcesAsync(actor.WorkspaceId, cancellationToken));
    }

    /// <summary>Runs the provider's verification with the stored credentials and records the outcome.</summary>
    public async Task<ConnectionTestResult> ConnectAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        VerificationMode mode = VerificationMode.Interactive,
        CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = Resolve(agentId, integrationId);
        await EnsureCanManageAsync(actor, AuditActions.Connect, agent, provider, cancellationToken);

        var before = await LoadConnectionAsync(actor.WorkspaceId, provider.Id, cancellationToken);
        if (before is not { IsConfigured: true, ProtectedSecrets: not null })
        {
            throw new ConflictException($"{provider.Name} is not configured yet. Configure its credentials before testing the connection.");
        }

        // OAuth: a token near expiry is refreshed before use (once, whoever else is testing it at the same time).
        var fresh = await tokens.EnsureFreshAsync(before, cancellationToken: cancellationToken);
        before = fresh.Connection ?? before;
        if (fresh.State == TokenRefreshState.ReauthorizationRequired ||
            (fresh.State == TokenRefreshState.Deferred && before.AccessTokenExpiresAt <= time.GetUtcNow().UtcDateTime))
        {
            // Refused for good, or expired and not renewable just now: the token is not tried.
            return await UncheckedAsync(actor, agent, link, provider, before, fresh.State, cancellationToken);
        }

        var outcome = await VerifyAsync(actor.WorkspaceId, provider, before, mode, cancellationToken);
        if (before.AuthMethod == ConnectionAuthMethod.OAuth2 && outcome.Reason == OutcomeReason.AuthInvalid)
        {
            // The provider refused the access token before its expiry (revoked, rotated): refresh once, retry once.
            var retried = await tokens.EnsureFreshAsync(before, force: true, cancellationToken);
            if (retried.State is TokenRefreshState.ReauthorizationRequired or TokenRefreshState.Deferred)
            {
                return await UncheckedAsync(actor, agent, link, provider, retried.Connection ?? before, retried.State, cancellationToken);
            }

            if (retried is { State: TokenRefreshState.Refreshed, Connection: { } refreshed })
            {
                before = refreshed;
                outcome = await VerifyAsync(actor.WorkspaceId, provider, before, mode, cancellationToken);
            }
        }

        var connection = await RecordTestAsync(actor, agent, provider, before, outcome, cancellationToken);
        Changed(actor.WorkspaceId, provider.Id, connection.Status);
        LogTested(logger, actor.WorkspaceId, provider.Id, outcome.Reason.ToCode());
        return new ConnectionTestResult(
            views.ToView(agent, link, provider, connection, await SourcesAsync(actor.WorkspaceId, cancellationToken)),
            ConnectionTestOutcome.From(outcome));
    }

    /// <summary>
    /// Records a test's outcome, if the credentials it tested are still the stored ones. Another test of the same
    /// credentials that recorded its outcome meanwhile is not a conflict: the later outcome is recorded after it.
    /// </summary>
    private async Task<Connection> RecordTestAsync(
        WorkspaceActor actor, AgentDefinition agent, ProviderDefinition provider, Connection tested, VerificationOutcome outcome, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var connection = await db.Connections.SingleOrDefaultAsync(
                c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id, cancellationToken);
            if (connection is null || connection.ProtectedSecrets != tested.ProtectedSecrets || connection.SettingsJson != tested.SettingsJson)
            {
                // The credentials changed (or were removed) while the test ran: its outcome describes values that are gone.
                throw new ConflictException($"The {provider.Name} credentials changed while the test was running. Test the connection again.");
            }

            connection.RecordTest(outcome, time.GetUtcNow().UtcDateTime);
            audit.Add(db, actor, AuditActions.Connect, outcome.Reason.ToCode(), provider.Id, agent.Id);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return connection;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxRecordAttempts)
            {
                // A concurrent test (or refresh bookkeeping) wrote first; read again and record on top of it. Each
                // lost attempt means another writer's succeeded, so n concurrent tests need at most n attempts.
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ConflictException($"The {provider.Name} connection was changed by someone else at the same time. Reload and try again.");
            }
        }
    }

    private async Task<VerificationOutcome> VerifyAsync(
        Guid workspaceId, ProviderDefinition provider, Connection connection, VerificationMode mode, CancellationToken cancellationToken)
    {
        var values = protector.RequestValues(connection);
        var oauth = connection.AuthMethod == ConnectionAuthMethod.OAuth2;
        return await verifier.VerifyAsync(new VerificationRequest(workspaceId, provider.Id, values, mode, oauth), cancellationToken);
    }

    /// <summary>
    /// A test that ends without a check, because the token could not be used: the provider refused to renew it (the
    /// refresher already set reauthorization_required and told every page), or could not renew it just now (the status
    /// is kept, nothing is recorded, the background job retries with backoff). The caller hears why.
    /// </summary>
    private async Task<ConnectionTestResult> UncheckedAsync(
        WorkspaceActor actor, AgentDefinition agent, AgentIntegration link, ProviderDefinition provider, Connection connection, TokenRefreshState state,
        CancellationToken cancellationToken)
    {
        var outcome = state == TokenRefreshState.ReauthorizationRequired
            ? new VerificationOutcome(OutcomeReason.ReauthorizationRequired, connection.StatusMessage ?? OutcomeReason.ReauthorizationRequired.Sentence(provider.Name))
            : new VerificationOutcome(OutcomeReason.Unreachable,
                $"{provider.Name} could not renew AgentHub's authorization just now. The connection keeps its status; AgentHub tries again shortly.");
        LogTested(logger, actor.WorkspaceId, provider.Id, state == TokenRefreshState.ReauthorizationRequired ? "reauthorization_required" : "refresh_deferred");
        return new ConnectionTestResult(
            views.ToView(agent, link, provider, connection, await SourcesAsync(actor.WorkspaceId, cancellationToken)),
            ConnectionTestOutcome.From(outcome));
    }

    /// <summary>
    /// Tests every configured connection of the workspace at once (bounded concurrency), so the whole run takes about as
    /// long as the slowest check. Reports progress after each check; a connection changed meanwhile is skipped.
    /// </summary>
    public async Task<IReadOnlyList<ConnectionTestResult>> TestAllAsync(
        WorkspaceActor actor,
        IProgress<TestAllProgress>? progress = null,
        VerificationMode mode = VerificationMode.Interactive,
        CancellationToken cancellationToken = default)
    {
        EnsureCanManage(actor);
        var connections = (await LoadConnectionsAsync(actor.WorkspaceId, cancellationToken)).Connections;
        var providers = catalog.Providers.Where(p => connections.GetValueOrDefault(p.Id)?.IsConfigured == true).ToList();
        var results = new ConnectionTestResult?[providers.Count];
        var done = 0;
        progress?.Report(new TestAllProgress(0, providers.Count, null));

        await Parallel.ForEachAsync(
            Enumerable.Range(0, providers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = TestAllConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var provider = providers[index];
                try
                {
                    results[index] = await ConnectAsync(actor, catalog.AgentsUsing(provider.Id)[0].Id, provider.Id, mode, token);
                }
                catch (ConflictException)
                {
                    // Reconfigured or disconnected while the run was under way: its own test will follow.
                }

                progress?.Report(new TestAllProgress(Interlocked.Increment(ref done), providers.Count, provider.Id));
            });

        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>How often a test's outcome is re-applied after losing to concurrent writers of the same row.</summary>
    private const int MaxRecordAttempts = 64;

    /// <summary>How many checks "test all" runs at once (23 providers fit in one wave).</summary>
    public int TestAllConcurrency { get; init; } = 24;

    /// <summary>
    /// Deletes the stored credentials and sets the connection to disconnected (for every agent sharing it).
    /// <paramref name="expectedVersion"/>, when given, must match the stored version, as for configure.
    /// </summary>
    public async Task<IntegrationView> DisconnectAsync(
        WorkspaceActor actor, string agentId, string integrationId, string? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = Resolve(agentId, integrationId);
        await EnsureCanManageAsync(actor, AuditActions.Disconnect, agent, provider, cancellationToken);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(
            c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id, cancellationToken);
        EnsureExpectedVersion(connection, expectedVersion);
        var removed = ConnectionSettings.SecretNames(connection).Concat(ConnectionSettings.Read(connection).Keys).ToList();
        audit.Add(db, actor, AuditActions.Disconnect, "succeeded", provider.Id, agent.Id, removed);
        if (connection is not null)
        {
            connection.Clear(time.GetUtcNow().UtcDateTime);
            LogDisconnected(logger, actor.WorkspaceId, provider.Id);
        }

        await SaveAsync(db, provider, cancellationToken);
        Changed(actor.WorkspaceId, provider.Id, ConnectionStatus.Disconnected);

        return views.ToView(agent, link, provider, connection, await SourcesAsync(actor.WorkspaceId, cancellationToken));
    }

    /// <summary>
    /// The workspace's connection rows for reading (lists, pages), with which providers have the workspace's own OAuth
    /// app: one query (an EXISTS per row; registering an app creates the provider's row), then memory until a write
    /// evicts them.
    /// </summary>
    private async Task<WorkspaceRows> LoadConnectionsAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var key = CacheKey(workspaceId);
        if (cache.TryGetValue(key, out WorkspaceRows? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Connections.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId)
            .Select(c => new { Connection = c, OwnApp = db.OAuthApps.Any(a => a.WorkspaceId == c.WorkspaceId && a.ProviderId == c.ProviderId) })
            .ToListAsync(cancellationToken);
        var loaded = new WorkspaceRows(
            rows.ToDictionary(r => r.Connection.ProviderId, r => r.Connection),
            rows.Where(r => r.OwnApp).Select(r => r.Connection.ProviderId).ToHashSet(StringComparer.Ordinal));
        cache.Set(key, loaded, ReadCacheLifetime);
        return loaded;
    }

    private async Task<IReadOnlyDictionary<string, OAuthClientSource>> SourcesAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        oauthApps.Sources((await LoadConnectionsAsync(workspaceId, cancellationToken)).OwnApps);

    private sealed record WorkspaceRows(IReadOnlyDictionary<string, Connection> Connections, IReadOnlySet<string> OwnApps)
    {
        /// <summary>Each agent's view of these rows, built on first use.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, AgentIntegrationsView> AgentViews { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>One connection as stored now (for writes and tests: never from the cache).</summary>
    private async Task<Connection?> LoadConnectionAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.ProviderId == providerId, cancellationToken);
    }

    private static string CacheKey(Guid workspaceId) => $"connections:{workspaceId:N}";

    /// <summary>After a write: tell the rows cache and every open page.</summary>
    private void Changed(Guid workspaceId, string providerId, ConnectionStatus status) =>
        events.Publish(new ConnectionChanged(workspaceId, providerId, status));

    private static async Task SaveAsync(AgentHubDbContext db, ProviderDefinition provider, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"The {provider.Name} connection was changed by someone else at the same time. Reload and try again.");
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<Connection>().Any(e => e.State == EntityState.Added))
        {
            // Two first-time configurations raced: the unique (workspace, provider) index let one through.
            throw new ConflictException($"The {provider.Name} connection was created by someone else at the same time. Reload and try again.");
        }
    }

    private static void EnsureExpectedVersion(Connection? connection, string? expectedVersion)
    {
        if (expectedVersion is null)
        {
            return;
        }

        var current = connection is null ? null : IntegrationViewMapper.FormatVersion(connection.Version);
        if (!string.Equals(current, expectedVersion, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConflictException("The connection changed since it was loaded. Reload it and apply your change again.");
        }
    }

    private static void EnsureCanManage(WorkspaceActor actor)
    {
        if (!actor.CanManageIntegrations)
        {
            throw new ForbiddenException("Only a workspace owner or admin can change integrations.");
        }
    }

    private Task EnsureCanManageAsync(
        WorkspaceActor actor,
        string action,
        AgentDefinition agent,
        ProviderDefinition provider,
        CancellationToken cancellationToken) =>
        audit.DemandManagerAsync(actor, action, "change integrations", provider.Id, agent.Id, cancellationToken);

    private AgentDefinition FindAgent(string agentId) => catalog.RequireAgent(agentId);

    private (AgentDefinition Agent, AgentIntegration Link, ProviderDefinition Provider) Resolve(string agentId, string integrationId) =>
        catalog.RequireIntegration(agentId, integrationId);


    [LoggerMessage(Level = LogLevel.Information, Message = "Configured {ProviderId} in workspace {WorkspaceId} ({FieldCount} fields submitted)")]
    private static partial void LogConfigured(ILogger logger, Guid workspaceId, string providerId, int fieldCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tested {ProviderId} in workspace {WorkspaceId}: {Reason}")]
    private static partial void LogTested(ILogger logger, Guid workspaceId, string providerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected {ProviderId} in workspace {WorkspaceId}")]
    private static partial void LogDisconnected(ILogger logger, Guid workspaceId, string providerId);
}
