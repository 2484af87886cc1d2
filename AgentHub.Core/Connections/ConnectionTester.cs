using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Connections;

/// <summary>
/// Tests a workspace's connections against their providers: one (with the OAuth token renewed before use, and once
/// more on a refusal), or all at once. The outcome is recorded on the connection only if the credentials it tested
/// are still the stored ones. The background re-test job uses it too. Submitted values can be checked before they are
/// stored (<see cref="TestValuesAsync"/>).
/// </summary>
public sealed partial class ConnectionTester(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    ConnectionSecretProtector protector,
    IConnectionVerifier verifier,
    CredentialValidators validators,
    AuditService audit,
    ConnectionEvents events,
    IntegrationQueries queries,
    IConnectionTokens tokens,
    AgentHubMetrics metrics,
    TimeProvider time,
    ILogger<ConnectionTester> logger)
{
    /// <summary>Runs the provider's verification with the stored credentials and records the outcome.</summary>
    public async Task<ConnectionTestResult> ConnectAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        VerificationMode mode = VerificationMode.Interactive,
        CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = catalog.RequireIntegration(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.Connect, "Audit_CanChangeIntegrations", provider.Id, agent.Id, cancellationToken);

        var before = await LoadConnectionAsync(actor.WorkspaceId, provider.Id, cancellationToken);
        if (before is not { IsConfigured: true, ProtectedSecrets: not null })
        {
            throw new ConflictException(CoreText.Get("Connections_NotConfigured", provider.Name));
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
        events.Publish(new ConnectionChanged(actor.WorkspaceId, provider.Id, connection.Status));
        LogTested(logger, actor.WorkspaceId, provider.Id, outcome.Reason.ToCode());
        return new ConnectionTestResult(
            await queries.ViewAsync(actor.WorkspaceId, agent, link, provider, connection, cancellationToken),
            ConnectionTestOutcome.From(outcome));
    }

    /// <summary>
    /// Checks submitted credentials against the provider without storing anything (the credential dialog stores them
    /// only once they pass, or when the user saves them anyway; the API's test-values). They are validated and merged
    /// with the stored ones exactly as configure would store them: a blank secret is the saved one, and a saved secret is
    /// never sent where a changed routing field now points (the validator demands it again). Invalid values throw a
    /// <see cref="ValidationException"/> naming the fields, as configure does.
    /// </summary>
    public async Task<VerificationOutcome> TestValuesAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        IReadOnlyDictionary<string, string?>? credentials,
        VerificationMode mode = VerificationMode.Interactive,
        CancellationToken cancellationToken = default)
    {
        var (agent, _, provider) = catalog.RequireIntegration(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.Connect, "Audit_CanChangeIntegrations", provider.Id, agent.Id, cancellationToken);
        if (credentials is null)
        {
            throw new ValidationException([new ValidationFailure("credentials", CoreText.Get("Connections_CredentialsMissing"))]);
        }

        var connection = await LoadConnectionAsync(actor.WorkspaceId, provider.Id, cancellationToken);
        var submission = CredentialMerge.Submission(provider, credentials, connection);
        var validation = await validators.For(provider).ValidateAsync(submission, cancellationToken);
        if (!validation.IsValid)
        {
            throw new ValidationException(validation.Errors);
        }

        var (settings, secrets) = CredentialMerge.Values(provider, submission, connection, protector, actor.WorkspaceId);
        var values = new Dictionary<string, string>(settings);
        foreach (var (name, secret) in secrets)
        {
            values[name] = secret;
        }

        var outcome = await verifier.VerifyAsync(new VerificationRequest(actor.WorkspaceId, provider.Id, values, mode), cancellationToken);
        LogTestedValues(logger, actor.WorkspaceId, provider.Id, outcome.Reason.ToCode());
        return outcome;
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
                throw new ConflictException(CoreText.Get("Connections_ChangedDuringTest", provider.Name));
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
                throw new ConflictException(CoreText.Get("Connections_ChangedConcurrently", provider.Name));
            }
        }
    }

    private async Task<VerificationOutcome> VerifyAsync(
        Guid workspaceId, ProviderDefinition provider, Connection connection, VerificationMode mode, CancellationToken cancellationToken)
    {
        var values = protector.RequestValues(connection);
        var oauth = connection.AuthMethod == ConnectionAuthMethod.OAuth2;
        var outcome = await verifier.VerifyAsync(new VerificationRequest(workspaceId, provider.Id, values, mode, oauth), cancellationToken);
        metrics.ConnectionTested(provider.Id, outcome.Reason.ToCode());
        return outcome;
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
            ? new VerificationOutcome(OutcomeReason.ReauthorizationRequired,
                IntegrationViewMapper.StatusMessage(connection, provider.Name) ?? OutcomeReason.ReauthorizationRequired.Sentence(provider.Name))
            : new VerificationOutcome(OutcomeReason.Unreachable, CoreText.Get("Connections_RenewDeferred", provider.Name));
        LogTested(logger, actor.WorkspaceId, provider.Id, state == TokenRefreshState.ReauthorizationRequired ? "reauthorization_required" : "refresh_deferred");
        return new ConnectionTestResult(
            await queries.ViewAsync(actor.WorkspaceId, agent, link, provider, connection, cancellationToken),
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
        if (!actor.CanManageIntegrations)
        {
            throw new ForbiddenException(CoreText.Get("Audit_OnlyManagerCan", CoreText.Get("Audit_CanChangeIntegrations")));
        }

        var connections = (await queries.SnapshotAsync(actor.WorkspaceId, cancellationToken)).Connections;
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

    /// <summary>One connection as stored now (never from the snapshot).</summary>
    private async Task<Connection?> LoadConnectionAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.WorkspaceId == workspaceId && c.ProviderId == providerId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tested {ProviderId} in workspace {WorkspaceId}: {Reason}")]
    private static partial void LogTested(ILogger logger, Guid workspaceId, string providerId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tested submitted values for {ProviderId} in workspace {WorkspaceId} (not stored): {Reason}")]
    private static partial void LogTestedValues(ILogger logger, Guid workspaceId, string providerId, string reason);
}
