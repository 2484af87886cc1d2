using System.Security.Claims;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Turns a signed-in principal into the <see cref="WorkspaceActor"/> every Core call is scoped by. The role is read
/// from the database on each resolution (one primary-key query), so a demotion applies at once. A workspace id in the
/// address that is not the caller's own is reported exactly like one that does not exist.
/// </summary>
public sealed class ActorResolver(IDbContextFactory<AgentHubDbContext> dbFactory)
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
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.WorkspaceId, u.Role, u.Email, u.UserName })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new UnauthorizedAccessException("Your account no longer exists.");
        if (workspaceId is { } requested && requested != user.WorkspaceId)
        {
            throw new NotFoundException($"There is no workspace '{requested}'.");
        }

        return new WorkspaceActor(user.WorkspaceId, userId, user.Email ?? user.UserName ?? userId, user.Role);
    }
}
