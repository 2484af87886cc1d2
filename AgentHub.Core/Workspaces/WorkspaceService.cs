using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Workspaces;

/// <summary>Members, roles and invitations of a workspace. Owners manage; every change is audited.</summary>
public sealed class WorkspaceService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    AuditService audit,
    IMemoryCache cache,
    IOptions<AppOptions> app,
    TimeProvider time)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    public async Task<WorkspaceView> GetAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == actor.WorkspaceId, cancellationToken);
        var members = await db.Users.AsNoTracking()
            .Where(u => u.WorkspaceId == actor.WorkspaceId)
            .OrderBy(u => u.Email)
            .Select(u => new MemberView(u.Id, u.Email ?? u.UserName ?? u.Id, u.Role, u.CreatedAt))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var invitations = actor.Role == WorkspaceRole.Owner
            ? await db.Invitations.AsNoTracking()
                .Where(i => i.WorkspaceId == actor.WorkspaceId && i.AcceptedAt == null && i.ExpiresAt > now)
                .OrderByDescending(i => i.CreatedAt)
                .Select(i => new InvitationView(i.Id, i.Email, i.Role, i.ExpiresAt))
                .ToListAsync(cancellationToken)
            : [];
        return new WorkspaceView(workspace.Id, workspace.Name, workspace.Language, actor.Role, members, invitations);
    }

    /// <summary>Renames the workspace or changes the agents' language (owners); audited with the old and new values.</summary>
    public async Task UpdateAsync(WorkspaceActor actor, WorkspaceSettings settings, CancellationToken cancellationToken = default)
    {
        if (actor.Role != WorkspaceRole.Owner)
        {
            throw new ForbiddenException(CoreText.Get("Workspaces_OnlyOwnerSettings"));
        }

        WorkspaceSettingsValidator.Instance.ValidateAndThrow(settings);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workspace = await db.Workspaces.SingleAsync(w => w.Id == actor.WorkspaceId, cancellationToken);
        var changes = new List<string>();
        if (settings.Name?.Trim() is { } name && name != workspace.Name)
        {
            changes.Add($"name: {workspace.Name} → {name}");
            workspace.Name = name;
        }

        if (settings.Language is { } language && language != workspace.Language)
        {
            changes.Add($"language: {workspace.Language} → {language}");
            workspace.Language = language;
        }

        if (changes.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.UpdateWorkspace, "succeeded",
            fields: changes.Select(change => change[..change.IndexOf(':', StringComparison.Ordinal)]),
            detail: Sentence.Verbatim(string.Join("; ", changes)), cancellationToken: cancellationToken);
    }

    /// <summary>The link that redeems an invitation token, under `App:PublicBaseUrl`.</summary>
    public string InvitationLink(string token) => app.Value.Link($"/Account/Register?invitation={Uri.EscapeDataString(token)}");

    /// <summary>Creates an invitation and returns its one-time token (shown once to the owner as a link).</summary>
    public async Task<string> InviteAsync(WorkspaceActor actor, string? email, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        EnsureOwner(actor);
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new ValidationException([new ValidationFailure("email", CoreText.Get("Workspaces_InviteEmail"))]);
        }

        WorkspaceRoleValidator.Ensure(role);

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Invitations.Add(new Invitation
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            Email = email,
            Role = role,
            TokenHash = Hash(token),
            InvitedBy = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(
            actor,
            AuditActions.Invite,
            "succeeded",
            fields: ["email", "role"],
            detail: new Sentence("Audit_DetailInvitedAs", email, RoleSentence(role)),
            cancellationToken: cancellationToken);
        return token;
    }

    /// <summary>The pending invitation a token stands for, or null (unknown, used or expired).</summary>
    public async Task<Invitation?> FindInvitationAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 128)
        {
            return null;
        }

        var hash = Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Invitations.AsNoTracking()
            .SingleOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Marks an invitation used once its account exists, and records the join.</summary>
    public async Task AcceptInvitationAsync(Invitation invitation, string userId, string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Invitations.Where(i => i.Id == invitation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        var joined = new WorkspaceActor(invitation.WorkspaceId, userId, userName, invitation.Role);
        await audit.RecordAsync(
            joined,
            AuditActions.JoinWorkspace,
            "succeeded",
            fields: ["role"],
            detail: new Sentence("Audit_DetailJoinedAs", RoleSentence(invitation.Role)),
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Changes a member's role. The last-owner rule and the caller's own ownership are part of the one conditional
    /// UPDATE that makes the change, inside a serializable transaction: two owners demoting each other at the same
    /// moment cannot both succeed, and an owner demoted a moment ago cannot demote anyone.
    /// </summary>
    public async Task ChangeRoleAsync(WorkspaceActor actor, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        EnsureOwner(actor);
        WorkspaceRoleValidator.Ensure(role);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.WorkspaceId == actor.WorkspaceId)
            .Select(u => new { u.Id, u.Email, u.Role })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Workspaces_NoSuchMember"));

        var workspaceId = actor.WorkspaceId;
        int changed;
        try
        {
            // SQL Server's retrying strategy replays the whole transaction after a deadlock (one of two racing changes
            // is picked as the victim); the replay then sees the winner's change and its condition decides again.
            changed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
                var rows = await db.Users
                    .Where(u => u.Id == userId && u.WorkspaceId == workspaceId)
                    // The caller is still an owner of this workspace...
                    .Where(_ => db.Users.Any(o => o.Id == actor.UserId && o.WorkspaceId == workspaceId && o.Role == WorkspaceRole.Owner))
                    // ...and after the change some other owner remains (or the member stays or becomes an owner).
                    .Where(u => role == WorkspaceRole.Owner || u.Role != WorkspaceRole.Owner ||
                                db.Users.Any(o => o.WorkspaceId == workspaceId && o.Role == WorkspaceRole.Owner && o.Id != userId))
                    .ExecuteUpdateAsync(set => set
                        .SetProperty(u => u.Role, role)
                        .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
                await transaction.CommitAsync(ct);
                return rows;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // A serialization failure that outlived the retries: nothing was written.
            throw new ConflictException(CoreText.Get("Workspaces_RolesChangedConcurrently"));
        }

        // Roles are read from the database on every request (never from a token's claims), so evicting the cached
        // membership is enough for the change to apply to every open page and token of the member on this instance.
        MembershipCache.Evict(cache, userId);
        MembershipCache.Evict(cache, actor.UserId);
        if (changed == 0)
        {
            throw new ConflictException(member.Role == WorkspaceRole.Owner
                ? CoreText.Get("Workspaces_LastOwner")
                : CoreText.Get("Workspaces_NoLongerOwner"));
        }

        await audit.RecordAsync(actor, AuditActions.ChangeRole, "succeeded", fields: ["role"],
            detail: new Sentence("Audit_DetailRoleChanged", member.Email, RoleSentence(member.Role), RoleSentence(role)), cancellationToken: cancellationToken);
    }

    private static void EnsureOwner(WorkspaceActor actor)
    {
        if (actor.Role != WorkspaceRole.Owner)
        {
            throw new ForbiddenException(CoreText.Get("Workspaces_OnlyOwnerMembers"));
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A role's name as a sentence ("admin", "administrateur").</summary>
    private static Sentence RoleSentence(WorkspaceRole role) => new(role switch
    {
        WorkspaceRole.Owner => "Audit_RoleOwner",
        WorkspaceRole.Admin => "Audit_RoleAdmin",
        _ => "Audit_RoleMember",
    });
}
