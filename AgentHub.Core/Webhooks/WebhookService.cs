using System.Globalization;
using System.Security.Cryptography;
using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.OAuth;
using AgentHub.Core.Workspaces;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// The managed side of webhooks: a connection's endpoint (created on first view, its key rotatable), its verification
/// secrets (entered by owners and admins, encrypted, never shown back), its deliveries and their replay.
/// </summary>
public sealed class WebhookService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    WebhookProtector protector,
    WebhookSignal signal,
    AuditService audit,
    OAuthAppService oauthApps,
    IOptions<AppOptions> app,
    TimeProvider time)
{
    public const int RecentDeliveries = 20;
    public const int MaxSecretLength = WebhookSecretsValidator.MaxSecretLength;

    /// <summary>The webhook secret field that holds the provider's OAuth app's client secret (HubSpot, Intercom, LinkedIn, TikTok).</summary>
    public const string OAuthClientSecretField = "client_secret";

    // One validator per provider and language: its field labels come from the catalog as the current culture reads it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, string ProviderId), WebhookSecretsValidator> _secretValidators = new();

    public async Task<WebhookEndpointView> GetAsync(WorkspaceActor actor, string agentId, string integrationId, CancellationToken cancellationToken = default)
    {
        var (provider, hook) = Resolve(agentId, integrationId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await FindAsync(db, actor.WorkspaceId, provider.Id, cancellationToken);
        if (endpoint is null && actor.CanManageIntegrations)
        {
            await EnsureCreatedAsync(actor.WorkspaceId, provider.Id, cancellationToken);
            endpoint = await FindAsync(db, actor.WorkspaceId, provider.Id, cancellationToken);
        }

        var deliveries = await RecentAsync(db, actor.WorkspaceId, provider.Id, RecentDeliveries, cancellationToken);
        var signingApp = await SigningOAuthAppAsync(db, actor.WorkspaceId, provider, hook, cancellationToken);
        return View(actor, provider, hook, endpoint, deliveries) with { SigningOAuthApp = signingApp };
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> ListDeliveriesAsync(
        WorkspaceActor actor, string agentId, string integrationId, int limit = 100, CancellationToken cancellationToken = default)
    {
        var (provider, _) = Resolve(agentId, integrationId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await RecentAsync(db, actor.WorkspaceId, provider.Id, Math.Clamp(limit, 1, 500), cancellationToken)).Select(WebhookDeliveryView.From).ToList();
    }

    /// <summary>Replaces the verification secrets (every required one each time; Basic credentials both or neither).</summary>
    public async Task<WebhookEndpointView> SaveSecretsAsync(
        WorkspaceActor actor, string agentId, string integrationId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        var (provider, hook) = Resolve(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.SetWebhookSecrets, "Audit_CanManageWebhooks", provider.Id, cancellationToken: cancellationToken);

        var language = Languages.Normalize(CultureInfo.CurrentUICulture.Name) ?? Languages.English;
        _secretValidators.GetOrAdd((language, provider.Id), _ => new WebhookSecretsValidator(provider, hook)).ValidateAndThrow(values);
        var clean = hook.Secrets
            .Select(field => (field.Name, Value: WebhookSecretsValidator.Clean(values, field.Name)))
            .Where(f => f.Value is not null)
            .ToDictionary(f => f.Name, f => f.Value!, StringComparer.Ordinal);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureCreatedAsync(actor.WorkspaceId, provider.Id, cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.WorkspaceId == actor.WorkspaceId && e.ProviderId == provider.Id, cancellationToken);
        endpoint.ProtectedSecrets = clean.Count == 0 ? null : protector.ProtectSecrets(actor.WorkspaceId, provider.Id, clean);
        endpoint.SecretNames = clean.Count == 0 ? null : string.Join(',', clean.Keys.Order(StringComparer.Ordinal));
        audit.Add(db, actor, AuditActions.SetWebhookSecrets, "saved", providerId: provider.Id, agentId: agentId, fields: clean.Keys);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(actor, agentId, integrationId, cancellationToken);
    }

    /// <summary>A new key: the old address answers 404 from now on (register the new one with the provider).</summary>
    public async Task<WebhookEndpointView> RotateKeyAsync(WorkspaceActor actor, string agentId, string integrationId, CancellationToken cancellationToken = default)
    {
        var (provider, _) = Resolve(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.RotateWebhookKey, "Audit_CanManageWebhooks", provider.Id, cancellationToken: cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureCreatedAsync(actor.WorkspaceId, provider.Id, cancellationToken);
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.WorkspaceId == actor.WorkspaceId && e.ProviderId == provider.Id, cancellationToken);
        var key = NewKey();
        endpoint.KeyHash = WebhookReceiver.HashKey(key);
        endpoint.ProtectedKey = protector.ProtectKey(actor.WorkspaceId, provider.Id, key);
        endpoint.KeyRotatedAt = time.GetUtcNow().UtcDateTime;

        audit.Add(db, actor, AuditActions.RotateWebhookKey, "rotated", providerId: provider.Id, agentId: agentId);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(actor, agentId, integrationId, cancellationToken);
    }

    /// <summary>Puts a dead-lettered (or waiting) delivery back in the queue for an attempt now, with a fresh attempt count.</summary>
    public async Task<WebhookDeliveryView> ReplayAsync(WorkspaceActor actor, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.ReplayWebhook, "Audit_CanManageWebhooks", cancellationToken: cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Webhooks_NoSuchDelivery"));
        if (delivery.Status == WebhookDeliveryStatus.Processed)
        {
            throw new ConflictException(CoreText.Get("Webhooks_ReplayProcessed"));
        }

        var replayed = await db.ReplayAsync(deliveryId, now, cancellationToken);
        if (replayed != 1)
        {
            throw new ConflictException(CoreText.Get("Webhooks_ReplayBusy"));
        }

        await audit.RecordAsync(actor, AuditActions.ReplayWebhook, "queued", providerId: delivery.ProviderId, detail: new Sentence("Audit_DetailDelivery", deliveryId),
            cancellationToken: cancellationToken);
        signal.Wake();
        await db.Entry(delivery).ReloadAsync(cancellationToken);
        return WebhookDeliveryView.From(delivery);
    }

    private WebhookEndpointView View(WorkspaceActor actor, ProviderDefinition provider, WebhookDefinition hook, WebhookEndpoint? endpoint, List<WebhookDelivery> deliveries)
    {
        var stored = (endpoint?.SecretNames ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var address = endpoint is not null && actor.CanManageIntegrations
            ? app.Value.Link($"/hooks/{provider.Id}/{protector.UnprotectKey(endpoint.WorkspaceId, provider.Id, endpoint.ProtectedKey)}")
            : null;
        return new WebhookEndpointView(
            provider.Id,
            provider.Name,
            address,
            hook.IsSigned,
            Scheme(hook),
            hook.Setup,
            hook.Secrets.Select(f => new CredentialFieldView(f.Name, f.Label, f.Type.ToString().ToLowerInvariant(), f.Required, f.Help, f.Placeholder, null,
                stored.Contains(f.Name), null)).ToList(),
            Ready: endpoint is not null && hook.Secrets.Where(s => s.Required).All(s => stored.Contains(s.Name)),
            endpoint?.RejectedCount ?? 0,
            endpoint?.LastRejectedAt,
            endpoint?.DuplicateCount ?? 0,
            endpoint?.LastDuplicateAt,
            endpoint?.KeyRotatedAt ?? default,
            deliveries.Select(WebhookDeliveryView.From).ToList());
    }

    /// <summary>True when the provider signs deliveries with the client secret of the OAuth app it connects with.</summary>
    public static bool SignedWithOAuthClientSecret(ProviderDefinition provider, WebhookDefinition hook) =>
        provider.OAuth is not null && hook.SecretField == OAuthClientSecretField;

    /// <summary>
    /// Where the OAuth app whose client secret signs the deliveries comes from here (the workspace's own wins over the
    /// operator's, as when connecting), or null when the signing secret is not an OAuth app's.
    /// </summary>
    private async Task<OAuthClientSource?> SigningOAuthAppAsync(
        AgentHubDbContext db, Guid workspaceId, ProviderDefinition provider, WebhookDefinition hook, CancellationToken cancellationToken)
    {
        if (!SignedWithOAuthClientSecret(provider, hook))
        {
            return null;
        }

        var own = await db.OAuthApps.AnyAsync(a => a.WorkspaceId == workspaceId && a.ProviderId == provider.Id, cancellationToken);
        var workspaceApps = own ? new HashSet<string>(StringComparer.Ordinal) { provider.Id } : new HashSet<string>(StringComparer.Ordinal);
        return oauthApps.Sources(workspaceApps).GetValueOrDefault(provider.Id, OAuthClientSource.None);
    }

    /// <summary>How deliveries are verified, as the Webhooks card says it ("HMAC-SHA256 in X-Hub-Signature-256, timestamp within ±5 minutes").</summary>
    private static string Scheme(WebhookDefinition hook) => hook.Algorithm switch
    {
        WebhookAlgorithm.HmacSha256 => CoreText.Get("Webhooks_SchemeHmacSha256", hook.SignatureHeader),
        WebhookAlgorithm.HmacSha1 => CoreText.Get("Webhooks_SchemeHmacSha1", hook.SignatureHeader),
        WebhookAlgorithm.EcdsaP256Sha256 => CoreText.Get("Webhooks_SchemeEcdsaP256", hook.SignatureHeader),
        _ => CoreText.Get("Webhooks_SchemeUnsigned") + (hook.Secrets.Any(s => s.Name == WebhookVerifier.BasicUsername) ? CoreText.Get("Webhooks_SchemeBasicAuth") : ""),
    } + (hook.TimestampHeader is not null || hook.TimestampPart is not null ? CoreText.Get("Webhooks_SchemeTimestamp", WebhookVerifier.Window.TotalMinutes) : "");

    private static Task<List<WebhookDelivery>> RecentAsync(AgentHubDbContext db, Guid workspaceId, string providerId, int limit, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.ProviderId == providerId)
            .OrderByDescending(d => d.ReceivedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);

    private static Task<WebhookEndpoint?> FindAsync(AgentHubDbContext db, Guid workspaceId, string providerId, CancellationToken cancellationToken) =>
        db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.WorkspaceId == workspaceId && e.ProviderId == providerId, cancellationToken);

    /// <summary>Creates the endpoint with a fresh key unless it exists (a racing request that created it first wins).</summary>
    private async Task EnsureCreatedAsync(Guid workspaceId, string providerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.WebhookEndpoints.AnyAsync(e => e.WorkspaceId == workspaceId && e.ProviderId == providerId, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var key = NewKey();
        db.WebhookEndpoints.Add(new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspaceId,
            ProviderId = providerId,
            KeyHash = WebhookReceiver.HashKey(key),
            ProtectedKey = protector.ProtectKey(workspaceId, providerId, key),
            CreatedAt = now,
            KeyRotatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Created by a concurrent request, theirs is the endpoint; anything else is a real failure.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await check.WebhookEndpoints.AnyAsync(e => e.WorkspaceId == workspaceId && e.ProviderId == providerId, cancellationToken))
            {
                throw;
            }
        }
    }

    /// <summary>256 random bits, URL-safe.</summary>
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private (ProviderDefinition Provider, WebhookDefinition Hook) Resolve(string agentId, string integrationId)
    {
        var (_, _, provider) = catalog.RequireIntegration(agentId, integrationId);
        return provider.Webhook is { } hook ? (provider, hook) : throw new NotFoundException(CoreText.Get("Webhooks_NotReceived", provider.Name));
    }
}
