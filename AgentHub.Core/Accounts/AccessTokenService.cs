using System.Text.Json.Serialization;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Accounts;

/// <summary>`POST /api/tokens`: a name, where it works, what it may do, and for how many days (1 to 365).</summary>
public sealed record CreateAccessTokenRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("scope")] AccessTokenScope? Scope = AccessTokenScope.Api,
    [property: JsonPropertyName("access")] AccessTokenAccess? Access = AccessTokenAccess.Read,
    [property: JsonPropertyName("expires_in_days")] int ExpiresInDays = 30);

public sealed class CreateAccessTokenRequestValidator : AbstractValidator<CreateAccessTokenRequest>
{
    public const int MaxDays = 365;

    public CreateAccessTokenRequestValidator()
    {
        RuleFor(r => r.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => CoreText.Get("Workspaces_TokenNameRequired"))
            .Must(n => n is null || n.Trim().Length <= AccessToken.MaxNameLength).WithMessage(_ => CoreText.Get("Workspaces_TokenNameTooLong", AccessToken.MaxNameLength))
            .OverridePropertyName("name");
        RuleFor(r => r.Scope).NotNull().WithMessage(_ => CoreText.Get("Workspaces_TokenScope")).OverridePropertyName("scope");
        RuleFor(r => r.Access).NotNull().WithMessage(_ => CoreText.Get("Workspaces_TokenAccess")).OverridePropertyName("access");
        RuleFor(r => r.ExpiresInDays).InclusiveBetween(1, MaxDays).WithMessage(_ => CoreText.Get("Workspaces_TokenDays", MaxDays)).OverridePropertyName("expires_in_days");
    }
}

/// <summary>A token as it is listed: never its value.</summary>
public sealed record AccessTokenView(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("hint")] string Hint,
    [property: JsonPropertyName("scope")] AccessTokenScope Scope,
    [property: JsonPropertyName("access")] AccessTokenAccess Access,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("last_used_at")] DateTimeOffset? LastUsedAt,
    [property: JsonPropertyName("revoked")] bool Revoked)
{
    public static AccessTokenView From(AccessToken token) => new(
        token.Id, token.Name, token.Hint, token.Scope, token.Access, Utc(token.CreatedAt), Utc(token.ExpiresAt),
        token.LastUsedAt is { } used ? Utc(used) : null, token.RevokedAt is not null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

/// <summary>A token just made: its value, shown this once.</summary>
public sealed record AccessTokenCreated(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("access_token")] AccessTokenView View);

/// <summary>Who a presented token speaks for, when it is valid.</summary>
public sealed record AccessTokenIdentity(Guid TokenId, string TokenName, string UserId, Guid WorkspaceId, AccessTokenScope Scope, AccessTokenAccess Access, string? SecurityStamp);

/// <summary>
/// Personal access tokens: each person makes, lists and revokes their own. A token is checked on every use: not
/// revoked, not expired, and its user still in its workspace; its role is the user's current one (see ActorResolver).
/// </summary>
public sealed class AccessTokenService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    CreateAccessTokenRequestValidator validator,
    AuditService audit,
    TimeProvider time)
{
    /// <summary>How often a token's "last used" is written (not on every request).</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == actor.UserId && t.WorkspaceId == actor.WorkspaceId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        return tokens.Select(AccessTokenView.From).ToList();
    }

    public async Task<AccessTokenCreated> CreateAsync(WorkspaceActor actor, CreateAccessTokenRequest request, CancellationToken cancellationToken = default)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var value = AccessToken.NewValue();
        var token = new AccessToken
        {
            Id = Guid.NewGuid(),
            UserId = actor.UserId,
            WorkspaceId = actor.WorkspaceId,
            Name = request.Name!.Trim(),
            Hint = value[..(AccessToken.Prefix.Length + 6)],
            Hash = AccessToken.HashOf(value),
            Scope = request.Scope!.Value,
            Access = request.Access!.Value,
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.ExpiresInDays),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AccessTokens.Add(token);
        audit.Add(db, actor, AuditActions.CreateAccessToken, $"{Name(token.Scope)}_{Name(token.Access)}", detail: Sentence.Verbatim(token.Name));
        await db.SaveChangesAsync(cancellationToken);
        return new AccessTokenCreated(value, AccessTokenView.From(token));
    }

    public async Task RevokeAsync(WorkspaceActor actor, Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == actor.UserId && t.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Workspaces_NoSuchToken"));
        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(db, actor, AuditActions.RevokeAccessToken, "revoked", detail: Sentence.Verbatim(token.Name));
            await db.SaveChangesAsync(cancellationToken);
            // What it asked over MCP and nobody decided yet goes with it: a leaked token's writes are not left to be approved.
            await db.RejectPendingOfTokenAsync(token.Id, Tasks.ApprovalService.TokenRevokedReason, token.RevokedAt.Value, cancellationToken);
        }
    }

    /// <summary>The identity a presented value speaks for, or null (unknown, revoked, expired, or its user gone from the workspace).</summary>
    public async Task<AccessTokenIdentity?> AuthenticateAsync(string value, CancellationToken cancellationToken = default)
    {
        if (!value.StartsWith(AccessToken.Prefix, StringComparison.Ordinal) || value.Length > 200)
        {
            return null;
        }

        var hash = AccessToken.HashOf(value);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.AccessTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null && t.ExpiresAt > now)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.WorkspaceId, u.SecurityStamp })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.WorkspaceId != found.Token.WorkspaceId)
        {
            return null;
        }

        if (found.Token.LastUsedAt is not { } used || now - used >= LastUseResolution)
        {
            var stale = now - LastUseResolution;
            await db.AccessTokens.Where(t => t.Id == found.Token.Id && (t.LastUsedAt == null || t.LastUsedAt < stale))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        var token = found.Token;
        return new AccessTokenIdentity(token.Id, token.Name, token.UserId, token.WorkspaceId, token.Scope, token.Access, found.SecurityStamp);
    }

    public static string Name(AccessTokenScope scope) => scope == AccessTokenScope.Mcp ? "mcp" : "api";

    public static string Name(AccessTokenAccess access) => access == AccessTokenAccess.Write ? "write" : "read";
}
