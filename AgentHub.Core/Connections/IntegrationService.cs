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
/// Configures and disconnects a workspace's integrations (reads are <see cref="IntegrationQueries"/>, tests are
/// <see cref="ConnectionTester"/>). Every call is scoped to the actor's workspace, and every write validates its input
/// first and is audited.
/// </summary>
public sealed partial class IntegrationService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    CredentialValidators validators,
    ConnectionSecretProtector protector,
    AuditService audit,
    ConnectionEvents events,
    IntegrationQueries queries,
    TimeProvider time,
    ILogger<IntegrationService> logger)
{
    /// <summary>
    /// Validates and stores credentials and sets the connection to pending. A secret left blank keeps the stored one,
    /// unless a field that decides where secrets are sent changed. <paramref name="expectedVersion"/>, when given,
    /// must match the stored version (optimistic concurrency for a form that was loaded earlier).
    /// </summary>
    public Task<IntegrationView> ConfigureAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        IReadOnlyDictionary<string, string?>? credentials,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        StoreAsync(actor, agentId, integrationId, credentials, tested: null, expectedVersion, cancellationToken);

    /// <summary>
    /// Stores credentials whose values <see cref="ConnectionTester.TestValuesAsync"/> just checked, with that check's
    /// outcome, in one write: connected when the provider accepted them, error when the user saves refused values
    /// anyway. Validated and merged exactly as <see cref="ConfigureAsync"/>; pass the values that were tested and the
    /// version the form was loaded with, so values changed meanwhile by someone else are a conflict, not a false status.
    /// </summary>
    public Task<IntegrationView> ConfigureTestedAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        IReadOnlyDictionary<string, string?>? credentials,
        VerificationOutcome tested,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        StoreAsync(actor, agentId, integrationId, credentials, tested, expectedVersion, cancellationToken);

    private async Task<IntegrationView> StoreAsync(
        WorkspaceActor actor,
        string agentId,
        string integrationId,
        IReadOnlyDictionary<string, string?>? credentials,
        VerificationOutcome? tested,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        var (agent, link, provider) = catalog.RequireIntegration(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.Configure, "Audit_CanChangeIntegrations", provider.Id, agent.Id, cancellationToken);
        if (credentials is null)
        {
            throw new ValidationException([new ValidationFailure("credentials", CoreText.Get("Connections_CredentialsMissing"))]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.SingleOrDefaultAsync(
            c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id, cancellationToken);
        EnsureExpectedVersion(connection, expectedVersion);

        var submission = CredentialMerge.Submission(provider, credentials, connection);
        var submitted = submission.Values.Where(kv => kv.Value is not null).Select(kv => kv.Key).ToList();
        var validation = await validators.For(provider).ValidateAsync(submission, cancellationToken);
        if (!validation.IsValid)
        {
            await audit.RecordAsync(actor, AuditActions.Configure, "rejected", provider.Id, agent.Id,
                validation.Errors.Select(e => e.PropertyName).Where(n => provider.FindField(n) is not null),
                new Sentence("Audit_DetailInvalidValues"), cancellationToken);
            throw new ValidationException(validation.Errors);
        }

        var (settings, secrets) = CredentialMerge.Values(provider, submission, connection, protector, actor.WorkspaceId);
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
            CoreText.Get("Connections_Saved", provider.Name),
            now);

        audit.Add(db, actor, AuditActions.Configure, "succeeded", provider.Id, agent.Id, submitted);
        if (tested is not null)
        {
            // The check of exactly these values: the connection is connected (or in error) from its first write.
            connection.RecordTest(tested, now);
            audit.Add(db, actor, AuditActions.Connect, tested.Reason.ToCode(), provider.Id, agent.Id);
        }

        await SaveAsync(db, provider, cancellationToken);
        events.Publish(new ConnectionChanged(actor.WorkspaceId, provider.Id, connection.Status));
        LogConfigured(logger, actor.WorkspaceId, provider.Id, submitted.Count);
        return await queries.ViewAsync(actor.WorkspaceId, agent, link, provider, connection, cancellationToken);
    }

    /// <summary>
    /// Deletes the stored credentials and sets the connection to disconnected (for every agent sharing it).
    /// <paramref name="expectedVersion"/>, when given, must match the stored version, as for configure.
    /// </summary>
    public async Task<IntegrationView> DisconnectAsync(
        WorkspaceActor actor, string agentId, string integrationId, string? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var (agent, link, provider) = catalog.RequireIntegration(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.Disconnect, "Audit_CanChangeIntegrations", provider.Id, agent.Id, cancellationToken);

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
        events.Publish(new ConnectionChanged(actor.WorkspaceId, provider.Id, ConnectionStatus.Disconnected));

        return await queries.ViewAsync(actor.WorkspaceId, agent, link, provider, connection, cancellationToken);
    }

    private static async Task SaveAsync(AgentHubDbContext db, ProviderDefinition provider, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(CoreText.Get("Connections_ChangedConcurrently", provider.Name));
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<Connection>().Any(e => e.State == EntityState.Added))
        {
            // Two first-time configurations raced: the unique (workspace, provider) index let one through.
            throw new ConflictException(CoreText.Get("Connections_CreatedConcurrently", provider.Name));
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
            throw new ConflictException(CoreText.Get("Connections_VersionChanged"));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configured {ProviderId} in workspace {WorkspaceId} ({FieldCount} fields submitted)")]
    private static partial void LogConfigured(ILogger logger, Guid workspaceId, string providerId, int fieldCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disconnected {ProviderId} in workspace {WorkspaceId}")]
    private static partial void LogDisconnected(ILogger logger, Guid workspaceId, string providerId);
}
