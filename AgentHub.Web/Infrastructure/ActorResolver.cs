using System.Security.Claims;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Turns a signed-in principal into the <see cref="WorkspaceActor"/> every Core call is scoped by. The membership
/// (workspace, role) comes from the database through <see cref="MembershipCache"/>: a role change evicts it, so a
/// demotion applies at once on this instance. A workspace id in the address that is not the caller's own is reported
/// exactly like one that does not exist. A principal whose security stamp is no longer the account's (a bearer token or
/// cookie issued before a password change) is refused, so a stolen token dies with the password it came from.
/// </summary>
public sealed class ActorResolver(IDbContextFactory<AgentHubDbContext> dbFactory, IMemoryCache cache, IOptions<IdentityOptions> identity)
{
    /// <summary>The actor of an API request; a `workspace_id` route value addresses a workspace explicitly.</summary>
    public Task<WorkspaceActor> ResolveAsync(HttpContext http, CancellationToken cancellationToken = default)
    {
        var address = http.GetRouteValue("workspace_id") as string;
        Guid? workspaceId = address is null ? null : Guid.TryParse(address, out var parsed) ? parsed : Guid.Empty;
        return ResolveAsync(http.User, workspaceId, cancellationToken);
    }

    public async Task<WorkspaceActor> ResolveAsync(ClaimsPrincipal principal, Guid? workspaceId = null, CancellationToken cancellationToken = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new UnauthorizedAccessException("Sign in to continue.");
        if (!cache.TryGetValue(MembershipCache.Key(userId), out Membership? membership) || membership is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            membership = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new Membership(u.WorkspaceId, u.Role, u.Email ?? u.UserName ?? u.Id, u.SecurityStamp))
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new UnauthorizedAccessException("Your account no longer exists.");
            cache.Set(MembershipCache.Key(userId), membership, MembershipCache.Lifetime);
        }

        if (!string.Equals(principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType), membership.SecurityStamp, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException("Your session has ended (the password was changed). Sign in again.");
        }

        if (workspaceId is { } requested && requested != membership.WorkspaceId)
        {
            throw new NotFoundException($"There is no workspace '{requested}'.");
        }

        // A read token acts as a member at most; a write token as its user does now (a demotion applies at once).
        var role = principal.FindFirstValue(AccessTokenAuthenticationHandler.AccessClaim) == "read" && membership.Role > WorkspaceRole.Member
            ? WorkspaceRole.Member
            : membership.Role;
        return new WorkspaceActor(membership.WorkspaceId, userId, membership.Name, role);
    }
}
