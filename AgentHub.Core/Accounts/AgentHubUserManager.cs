using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Accounts;

/// <summary>
/// Identity's user manager, plus the rule that every account belongs to a workspace: an account created without one
/// (self-registration through the pages or /api/auth/register) becomes the owner of a new workspace.
/// </summary>
public sealed class AgentHubUserManager(
    IUserStore<AgentHubUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AgentHubUser> passwordHasher,
    IEnumerable<IUserValidator<AgentHubUser>> userValidators,
    IEnumerable<IPasswordValidator<AgentHubUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AgentHubUser>> logger,
    IDbContextFactory<AgentHubDbContext> dbFactory,
    TimeProvider time)
    : UserManager<AgentHubUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(AgentHubUser user)
    {
        user.CreatedAt = time.GetUtcNow().UtcDateTime;
        if (user.WorkspaceId != Guid.Empty)
        {
            return await base.CreateAsync(user);
        }

        var workspace = new Workspace { Id = Guid.NewGuid(), Name = WorkspaceName(user), CreatedAt = user.CreatedAt };
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync();
        }

        user.WorkspaceId = workspace.Id;
        user.Role = WorkspaceRole.Owner;
        var result = await base.CreateAsync(user);
        if (!result.Succeeded)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.Workspaces.Where(w => w.Id == workspace.Id).ExecuteDeleteAsync();
            user.WorkspaceId = Guid.Empty;
        }

        return result;
    }

    private static string WorkspaceName(AgentHubUser user)
    {
        var name = user.Email ?? user.UserName ?? "New";
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return (at > 0 ? name[(at + 1)..] : name) is { Length: > 0 } domain ? $"{domain[..Math.Min(domain.Length, 100)]} workspace" : "New workspace";
    }
}
