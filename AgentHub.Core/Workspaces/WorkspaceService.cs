using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Accounts;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AgentHub.Core.Workspaces;

/// <summary>Members, roles and invitations of a workspace. Owners manage; every change is audited.</summary>
public sealed class WorkspaceService(IDbContextFactory<AgentHubDbContext> dbFactory, AuditService audit, IMemoryCache cache, TimeProvider time)
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
        return new WorkspaceView(workspace.Id, workspace.Name, actor.Role, members, invitations);
    }

    /// <summary>Creates an invitation and returns its one-time token (shown once to the owner as a link).</summary>
    public async Task<string> InviteAsync(WorkspaceActor actor, string? email, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        EnsureOwner(actor);
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            throw new ValidationException([new ValidationFailure("email", "Enter the email address of the person to invite.")]);
        }

        if (!Enum.IsDefined(role))
        {
            throw new ValidationException([new ValidationFailure("role", "Role must be member, admin or owner.")]);
        }

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
        await audit.RecordAsync(actor, AuditActions.Invite, "succeeded", fields: ["email", "role"], detail: $"{email} as {role.ToString().ToLowerInvariant()}", cancellationToken: cancellationToken);
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
    public async Task AcceptInvitationAsync(Invitation invitation, AgentHubUser user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Invitations.Where(i => i.Id == invitation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
        var joined = new WorkspaceActor(invitation.WorkspaceId, user.Id, user.Email ?? user.Id, invitation.Role);
        await audit.RecordAsync(joined, AuditActions.JoinWorkspace, "succeeded", fields: ["role"], detail: $"joined as {invitation.Role.ToString().ToLowerInvariant()}", cancellationToken: cancellationToken);
    }

    public async Task ChangeRoleAsync(WorkspaceActor actor, string userId, WorkspaceRole role, CancellationToken cancellationToken = default)
    {
        EnsureOwner(actor);
        if (!Enum.IsDefined(role))
        {
            throw new ValidationException([new ValidationFailure("role", "Role must be member, admin or owner.")]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.WorkspaceId == actor.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException("There is no such member in this workspace.");
        if (member.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner &&
            await db.Users.CountAsync(u => u.WorkspaceId == actor.WorkspaceId && u.Role == WorkspaceRole.Owner, cancellationToken) == 1)
        {
            throw new ConflictException("A workspace needs at least one owner: make someone else owner first.");
        }

        var previous = member.Role;
        member.Role = role;
        // A new security stamp signs the member out of other sessions, so a demotion takes effect everywhere.
        member.SecurityStamp = Guid.NewGuid().ToString();
        member.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(cancellationToken);
        MembershipCache.Evict(cache, member.Id);
        await audit.RecordAsync(actor, AuditActions.ChangeRole, "succeeded", fields: ["role"],
            detail: $"{member.Email}: {previous.ToString().ToLowerInvariant()} → {role.ToString().ToLowerInvariant()}", cancellationToken: cancellationToken);
    }

    private static void EnsureOwner(WorkspaceActor actor)
    {
        if (actor.Role != WorkspaceRole.Owner)
        {
            throw new ForbiddenException("Only a workspace owner can manage members and invitations.");
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public sealed record WorkspaceView(Guid Id, string Name, WorkspaceRole YourRole, IReadOnlyList<MemberView> Members, IReadOnlyList<InvitationView> Invitations);

public sealed record MemberView(string UserId, string Email, WorkspaceRole Role, DateTime JoinedAt);

public sealed record InvitationView(Guid Id, string Email, WorkspaceRole Role, DateTime ExpiresAt);
