using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Audit;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.OAuth;

/// <summary>
/// "Connect with X": starts an authorization (state, PKCE) and completes it on the callback (checks and burns the
/// state, exchanges the code, stores the tokens encrypted with their expiry, then runs the provider's check with the
/// new token). A replayed, unknown, expired or foreign state, or a provider error on the callback, makes no token
/// request. The code, the state and the tokens never reach a log, the audit trail or a response.
/// </summary>
public sealed partial class OAuthConnectService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    IOAuthGateway gateway,
    OAuthAppService apps,
    ConnectionTester tester,
    ConnectionSecretProtector protector,
    IDataProtectionProvider dataProtection,
    CredentialValidators validators,
    AuditService audit,
    ConnectionEvents events,
    IOptionsMonitor<OAuthOptions> options,
    TimeProvider time,
    ILogger<OAuthConnectService> logger)
{
    private const string VerifierPurpose = "AgentHub.OAuth.CodeVerifier.v1";

    /// <summary>Starts an authorization and returns the provider's authorization URL to send the browser to.</summary>
    public async Task<Uri> StartAsync(
        WorkspaceActor actor, string agentId, string integrationId, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken = default)
    {
        var (agent, _, provider) = catalog.RequireIntegration(agentId, integrationId);
        await audit.DemandManagerAsync(actor, AuditActions.Authorize, "Audit_CanChangeIntegrations", provider.Id, agent.Id, cancellationToken);

        if (provider.OAuth is not { } oauth)
        {
            throw new ConflictException(CoreText.Get("OAuth_NotSupported", provider.Name));
        }

        var client = await apps.ResolveClientAsync(actor.WorkspaceId, provider.Id, cancellationToken)
            ?? throw new ConflictException(CoreText.Get("OAuth_NoApp", provider.Name, provider.Id));

        var values = ValidateSettings(provider, oauth, settings ?? new Dictionary<string, string?>());
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)); // 256 bits
        string? verifier = null;
        string? challenge = null;
        if (oauth.Pkce != PkceMode.None)
        {
            verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)); // 43 characters (RFC 7636 §4.1)
            challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.OAuthFlows.Add(new OAuthFlow
            {
                Id = Guid.NewGuid(),
                StateHash = Hash(state),
                WorkspaceId = actor.WorkspaceId,
                UserId = actor.UserId,
                AgentId = agent.Id,
                ProviderId = provider.Id,
                SettingsJson = ConnectionSettings.Write(values),
                ProtectedCodeVerifier = verifier is null ? null : Verifier(actor.WorkspaceId, provider.Id).Protect(verifier),
                CreatedAt = now,
                ExpiresAt = now + options.CurrentValue.StateLifetime,
            });
            audit.Add(db, actor, AuditActions.Authorize, "started", provider.Id, agent.Id, values.Keys);
            await db.SaveChangesAsync(cancellationToken);
        }

        LogStarted(logger, actor.WorkspaceId, provider.Id, client.Source);
        return gateway.AuthorizationUrl(new OAuthAuthorizationRequest(provider.Id, client, values, state, challenge, apps.RedirectUri));
    }

    /// <summary>The callback: <paramref name="error"/> is the provider's error parameter (access_denied), if any.</summary>
    public async Task<OAuthCallbackResult> CompleteAsync(
        WorkspaceActor actor, string? state, string? code, string? error, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state) || state.Length > 512)
        {
            return new OAuthCallbackResult(OAuthCallbackCode.UnknownState);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hash(state);
        OAuthFlow? flow;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            flow = await db.OAuthFlows.AsNoTracking().SingleOrDefaultAsync(f => f.StateHash == hash, cancellationToken);
            if (flow is null)
            {
                LogRefused(logger, "unknown state");
                return new OAuthCallbackResult(OAuthCallbackCode.UnknownState);
            }

            var at = new OAuthCallbackResult(OAuthCallbackCode.UnknownState, flow.AgentId, flow.ProviderId);
            if (flow.WorkspaceId != actor.WorkspaceId || flow.UserId != actor.UserId)
            {
                // Someone else's authorization (a link planted for this user): refused, and left for its owner.
                LogRefused(logger, "foreign state");
                await audit.RecordAsync(actor, AuditActions.Authorize, "refused", flow.ProviderId, flow.AgentId, detail: new Sentence("Audit_DetailStateOtherUser"), cancellationToken: cancellationToken);
                return at with { Code = OAuthCallbackCode.ForeignState, AgentId = null, ProviderId = null };
            }

            if (flow.UsedAt is not null)
            {
                LogRefused(logger, "replayed state");
                return at with { Code = OAuthCallbackCode.ReplayedState };
            }

            // Burn it: one conditional write, so two callbacks racing with the same state cannot both go on.
            var burned = await db.OAuthFlows.Where(f => f.Id == flow.Id && f.UsedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.UsedAt, now), cancellationToken);
            if (burned != 1)
            {
                return at with { Code = OAuthCallbackCode.ReplayedState };
            }

            if (flow.ExpiresAt < now)
            {
                LogRefused(logger, "expired state");
                return at with { Code = OAuthCallbackCode.ExpiredState };
            }
        }

        var provider = catalog.FindProvider(flow.ProviderId)!;
        var result = new OAuthCallbackResult(OAuthCallbackCode.Denied, flow.AgentId, flow.ProviderId);

        // The role is read again now, not trusted from when the flow started: a user demoted in between must not
        // replace the workspace's connection with tokens of an account they control. Nothing is requested or stored.
        if (!actor.CanManageIntegrations)
        {
            LogRefused(logger, "the user may no longer change integrations");
            await audit.RecordAsync(actor, AuditActions.Authorize, "refused", provider.Id, flow.AgentId,
                detail: new Sentence("Audit_DetailMembersMayNot", new Sentence("Audit_CanChangeIntegrations")), cancellationToken: cancellationToken);
            return result with { Code = OAuthCallbackCode.Forbidden };
        }
        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            await audit.RecordAsync(actor, AuditActions.Authorize, "declined", provider.Id, flow.AgentId,
                detail: new Sentence(error is "access_denied" ? "Audit_DetailAccessDenied" : "Audit_DetailProviderError"), cancellationToken: cancellationToken);
            return result;
        }

        var client = await apps.ResolveClientAsync(actor.WorkspaceId, provider.Id, cancellationToken);
        if (client is null)
        {
            return result with { Code = OAuthCallbackCode.ExchangeFailed };
        }

        var settings = ConnectionSettings.Read(flow.SettingsJson);
        var verifier = flow.ProtectedCodeVerifier is null ? null : Verifier(flow.WorkspaceId, provider.Id).Unprotect(flow.ProtectedCodeVerifier);
        var tokens = await gateway.ExchangeCodeAsync(
            new OAuthCodeExchange(actor.WorkspaceId, provider.Id, client, settings, code, verifier, apps.RedirectUri), cancellationToken);
        if (tokens.Outcome != OAuthTokenOutcome.Ok)
        {
            await audit.RecordAsync(actor, AuditActions.Authorize, "failed", provider.Id, flow.AgentId,
                detail: new Sentence("Audit_DetailTokenExchangeFailed", tokens.Error), cancellationToken: cancellationToken);
            return result with { Code = OAuthCallbackCode.ExchangeFailed };
        }

        if (!await StoreAsync(actor, provider, flow, settings, tokens, cancellationToken))
        {
            return result with { Code = OAuthCallbackCode.Forbidden };
        }

        var tested = await tester.ConnectAsync(actor, flow.AgentId, provider.Id, VerificationMode.Interactive, cancellationToken);
        return result with { Code = tested.Outcome.Reason == OutcomeReason.Ok ? OAuthCallbackCode.Connected : OAuthCallbackCode.CheckFailed };
    }

    /// <summary>Stores the tokens; false when the user may no longer change integrations (nothing stored).</summary>
    private async Task<bool> StoreAsync(
        WorkspaceActor actor, ProviderDefinition provider, OAuthFlow flow, IReadOnlyDictionary<string, string> settings, OAuthTokenResult tokens, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [provider.OAuth!.TokenField] = tokens.AccessToken! };
        if (tokens.RefreshToken is { } refresh)
        {
            secrets[OAuthTokenRefresher.RefreshTokenKey] = refresh;
        }

        var kept = new Dictionary<string, string>(settings, StringComparer.Ordinal);
        foreach (var (name, value) in tokens.Settings)
        {
            kept[name] = value;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Once more, from the database, right before the write: a demotion during the token exchange stores nothing.
        var role = await db.Users.Where(u => u.Id == actor.UserId && u.WorkspaceId == actor.WorkspaceId).Select(u => (WorkspaceRole?)u.Role).SingleOrDefaultAsync(cancellationToken);
        if (role is not >= WorkspaceRole.Admin)
        {
            await audit.RecordAsync(actor, AuditActions.Authorize, "refused", provider.Id, flow.AgentId, detail: new Sentence("Audit_DetailMembersMayNot", new Sentence("Audit_CanChangeIntegrations")), cancellationToken: cancellationToken);
            return false;
        }

        var connection = await db.Connections.SingleOrDefaultAsync(c => c.WorkspaceId == actor.WorkspaceId && c.ProviderId == provider.Id, cancellationToken);
        if (connection is null)
        {
            connection = Connection.Create(actor.WorkspaceId, provider.Id, now);
            db.Connections.Add(connection);
        }

        // Reconnecting an existing connection re-authorizes it in place (same row, same agents).
        connection.StoreAuthorization(
            ConnectionSettings.Write(kept),
            provider.OAuth.TokenField,
            protector.Protect(actor.WorkspaceId, provider.Id, secrets),
            OAuthTokenRefresher.ExpiresAt(tokens, now),
            CoreText.Get("OAuth_Authorized", provider.Name),
            now);
        audit.Add(db, actor, AuditActions.Authorize, "succeeded", provider.Id, flow.AgentId, kept.Keys, new Sentence("Audit_DetailAuthorizedViaOAuth"));
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException)
        {
            throw new ConflictException(CoreText.Get("OAuth_ChangedConcurrently", provider.Name));
        }

        events.Publish(new ConnectionChanged(actor.WorkspaceId, provider.Id, connection.Status));
        LogAuthorized(logger, actor.WorkspaceId, provider.Id, tokens.RefreshToken is not null, tokens.ExpiresIn);
        return true;
    }

    /// <summary>The settings asked before authorizing, with the credential form's own rules for those fields.</summary>
    private Dictionary<string, string> ValidateSettings(ProviderDefinition provider, OAuthDefinition oauth, IReadOnlyDictionary<string, string?> submitted)
    {
        var settingsOnly = provider with { Fields = provider.Fields.Where(f => oauth.Settings.Contains(f.Name)).ToList(), Id = provider.Id + "#oauth" };
        var submission = CredentialSubmission.Create(settingsOnly, submitted);
        var validation = validators.For(settingsOnly).Validate(submission);
        if (!validation.IsValid)
        {
            throw new ValidationException(validation.Errors.Select(e => new ValidationFailure(e.PropertyName, e.ErrorMessage)));
        }

        return settingsOnly.Fields
            .Where(f => submission.Value(f.Name) is not null)
            .ToDictionary(f => f.Name, f => f.Options is { Count: > 0 } ? submission.Value(f.Name)!.ToLowerInvariant() : submission.Value(f.Name)!, StringComparer.Ordinal);
    }

    private IDataProtector Verifier(Guid workspaceId, string providerId) =>
        dataProtection.CreateProtector(VerifierPurpose, workspaceId.ToString("N"), providerId);

    private static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    [LoggerMessage(Level = LogLevel.Information, Message = "OAuth authorization of {ProviderId} started in workspace {WorkspaceId} with the {Source} app")]
    private static partial void LogStarted(ILogger logger, Guid workspaceId, string providerId, OAuthClientSource source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth callback refused: {Why}")]
    private static partial void LogRefused(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authorized {ProviderId} in workspace {WorkspaceId} via OAuth (refresh token: {HasRefreshToken}, lifetime {Lifetime})")]
    private static partial void LogAuthorized(ILogger logger, Guid workspaceId, string providerId, bool hasRefreshToken, TimeSpan? lifetime);
}
