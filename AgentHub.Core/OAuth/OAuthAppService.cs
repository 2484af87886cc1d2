using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.OAuth;

/// <summary>
/// The OAuth apps (clients) AgentHub authorizes with: a workspace's own, registered by an owner and stored encrypted,
/// winning over the operator's from configuration. Also answers, per workspace, which providers can connect with
/// OAuth right now.
/// </summary>
public sealed class OAuthAppService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IOAuthGateway gateway,
    IDataProtectionProvider dataProtection,
    AuditService audit,
    ConnectionEvents events,
    IOptionsMonitor<AppOptions> app,
    TimeProvider time) : IOAuthAvailability
{
    private static readonly OAuthAppCredentialsValidator Validator = new();

    private const string Purpose = "AgentHub.OAuth.ClientSecret.v1";

    /// <summary>The redirect URI to register with every provider: {App:PublicBaseUrl}/oauth/callback.</summary>
    public string RedirectUri => app.CurrentValue.PublicBaseUrl.TrimEnd('/') + "/oauth/callback";

    /// <summary>The app to authorize with: the workspace's, else the operator's, else null.</summary>
    public async Task<OAuthClient?> ResolveClientAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var own = await db.OAuthApps.AsNoTracking()
            .SingleOrDefaultAsync(a => a.WorkspaceId == workspaceId && a.ProviderId == providerId, cancellationToken);
        return own is not null
            ? new OAuthClient(own.ClientId, Protector(workspaceId, providerId).Unprotect(own.ProtectedClientSecret), OAuthClientSource.Workspace)
            : gateway.OperatorClient(providerId);
    }

    /// <summary>Where each OAuth provider's app comes from, given the providers that have the workspace's own app.</summary>
    public IReadOnlySet<string> AvailableProviders(IReadOnlySet<string> workspaceApps) =>
        Sources(workspaceApps).Where(kv => kv.Value != OAuthClientSource.None).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, OAuthClientSource> Sources(IReadOnlySet<string> workspaceApps) =>
        catalog.Providers.Where(p => p.OAuth is not null).ToDictionary(
            p => p.Id,
            p => workspaceApps.Contains(p.Id) ? OAuthClientSource.Workspace : gateway.HasOperatorClient(p.Id) ? OAuthClientSource.Operator : OAuthClientSource.None,
            StringComparer.Ordinal);

    /// <summary>Every OAuth-capable provider with where its app comes from (owners and admins).</summary>
    public async Task<IReadOnlyList<OAuthAppView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.CanManageIntegrations)
        {
            throw new ForbiddenException(CoreText.Get("OAuth_OnlyManagerSeesApps"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var own = await db.OAuthApps.AsNoTracking().Where(a => a.WorkspaceId == actor.WorkspaceId).ToListAsync(cancellationToken);
        return catalog.Providers.Where(p => p.OAuth is not null).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p =>
        {
            var mine = own.FirstOrDefault(a => a.ProviderId == p.Id);
            var operatorConfigured = gateway.HasOperatorClient(p.Id);
            var source = mine is not null ? OAuthClientSource.Workspace : operatorConfigured ? OAuthClientSource.Operator : OAuthClientSource.None;
            return new OAuthAppView(p.Id, p.Name, source, operatorConfigured, mine?.ClientId, mine?.UpdatedAt, RedirectUri);
        }).ToList();
    }

    /// <summary>Registers (or replaces) the workspace's own app for a provider. Owners only.</summary>
    public async Task<OAuthAppView> SetAsync(WorkspaceActor actor, string providerId, string? clientId, string? clientSecret, CancellationToken cancellationToken = default)
    {
        var provider = OAuthProvider(providerId);
        if (actor.Role != WorkspaceRole.Owner)
        {
            await audit.RecordAsync(actor, AuditActions.SetOAuthApp, "denied", provider.Id, null, detail: new Sentence("Audit_DetailOnlyOwnersRegisterApps"), cancellationToken: cancellationToken);
            throw new ForbiddenException(CoreText.Get("OAuth_OnlyOwnerRegisters"));
        }

        clientId = clientId?.Trim();
        clientSecret = clientSecret?.Trim();
        Validator.ValidateAndThrow(new OAuthAppCredentials(clientId, clientSecret));

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.OAuthApps.SingleOrDefaultAsync(a => a.WorkspaceId == actor.WorkspaceId && a.ProviderId == provider.Id, cancellationToken);
        if (existing is null)
        {
            existing = new OAuthApp { Id = Guid.NewGuid(), WorkspaceId = actor.WorkspaceId, ProviderId = provider.Id, CreatedAt = now };
            db.OAuthApps.Add(existing);
        }

        // The provider's connection row (disconnected, if it was not connected): the workspace's rows then tell at
        // once, in the one query pages make, which providers have an app here.
        var connection = await db.Connections.AsNoTracking()
            .SingleOrDefaultAsync(c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id, cancellationToken);
        if (connection is null)
        {
            db.Connections.Add(Connection.Create(actor.WorkspaceId, provider.Id, now));
        }

        existing.ClientId = clientId!;
        existing.ProtectedClientSecret = Protector(actor.WorkspaceId, provider.Id).Protect(clientSecret!);
        existing.UpdatedAt = now;
        audit.Add(db, actor, AuditActions.SetOAuthApp, "succeeded", provider.Id, null, ["client_id", "client_secret"]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException(CoreText.Get("OAuth_AppChangedConcurrently", provider.Name));
        }

        Changed(actor.WorkspaceId, provider.Id, connection?.Status ?? ConnectionStatus.Disconnected);
        return (await ListAsync(actor, cancellationToken)).Single(v => v.ProviderId == provider.Id);
    }

    /// <summary>Removes the workspace's own app (the operator's applies again, if any). Owners only.</summary>
    public async Task DeleteAsync(WorkspaceActor actor, string providerId, CancellationToken cancellationToken = default)
    {
        var provider = OAuthProvider(providerId);
        if (actor.Role != WorkspaceRole.Owner)
        {
            throw new ForbiddenException(CoreText.Get("OAuth_OnlyOwnerRemoves"));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.OAuthApps.Where(a => a.WorkspaceId == actor.WorkspaceId && a.ProviderId == provider.Id).ExecuteDeleteAsync(cancellationToken);
        var status = await db.Connections.Where(c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id)
            .Select(c => (ConnectionStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        if (removed > 0)
        {
            await audit.RecordAsync(actor, AuditActions.RemoveOAuthApp, "succeeded", provider.Id, null, cancellationToken: cancellationToken);
        }

        Changed(actor.WorkspaceId, provider.Id, status ?? ConnectionStatus.Disconnected);
    }

    /// <summary>"Connect with X" became (un)available: tell the rows cache and open pages.</summary>
    private void Changed(Guid workspaceId, string providerId, ConnectionStatus status)
    {
        events.Publish(new ConnectionChanged(workspaceId, providerId, status));
    }

    private ProviderDefinition OAuthProvider(string providerId) =>
        catalog.FindProvider(providerId) is { OAuth: not null } provider
            ? provider
            : throw new NotFoundException(CoreText.Get("OAuth_NoSuchProvider", Text.Shorten(providerId, 64)));

    private IDataProtector Protector(Guid workspaceId, string providerId) =>
        dataProtection.CreateProtector(Purpose, workspaceId.ToString("N"), providerId);

}
