using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Accounts;

/// <summary>
/// Identity's user manager, plus the rules that every account belongs to a workspace and that closed registration is
/// closed: an account created without a workspace (self-registration through the pages, /api/auth/register under any
/// spelling of its route, or anything else that calls <see cref="UserManager{TUser}.CreateAsync(TUser)"/>) becomes
/// the owner of a new workspace only while `Auth:AllowRegistration` is true. The rule lives here, where accounts are
/// created, so that no route can get around it.
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
    IOptionsMonitor<AuthOptions> authOptions,
    IMemoryCache cache,
    TimeProvider time)
    : UserManager<AgentHubUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>The error code of an account refused because registration is closed.</summary>
    public const string RegistrationClosedCode = "RegistrationClosed";

    public static readonly IdentityError RegistrationClosed = new()
    {
        Code = RegistrationClosedCode,
        Description = "Registration is closed on this AgentHub. Ask an owner for an invitation.",
    };

    public override async Task<IdentityResult> CreateAsync(AgentHubUser user)
    {
        if (user.WorkspaceId != Guid.Empty)
        {
            user.CreatedAt = time.GetUtcNow().UtcDateTime;
            return await base.CreateAsync(user);
        }

        if (!authOptions.CurrentValue.AllowRegistration)
        {
            return IdentityResult.Failed(RegistrationClosed);
        }

        return await CreateInNewWorkspaceAsync(user, () => base.CreateAsync(user));
    }

    /// <summary>
    /// Creates the operator's bootstrap owner (`Auth:BootstrapAdmin`) in a new workspace, whether or not registration is
    /// open: the one account the configuration itself asks for.
    /// </summary>
    public Task<IdentityResult> CreateBootstrapOwnerAsync(AgentHubUser user, string password) =>
        CreateInNewWorkspaceAsync(user, () => base.CreateAsync(user, password));

    /// <summary>
    /// Every change Identity makes to an account (a new password and security stamp, a lockout) ends here: the cached
    /// membership goes, so the next request checks its session against the new stamp at once.
    /// </summary>
    protected override async Task<IdentityResult> UpdateUserAsync(AgentHubUser user)
    {
        var result = await base.UpdateUserAsync(user);
        MembershipCache.Evict(cache, user.Id);
        return result;
    }

    private async Task<IdentityResult> CreateInNewWorkspaceAsync(AgentHubUser user, Func<Task<IdentityResult>> create)
    {
        user.CreatedAt = time.GetUtcNow().UtcDateTime;
        var workspace = new Workspace { Id = Guid.NewGuid(), Name = WorkspaceName(user), CreatedAt = user.CreatedAt, Language = user.Language ?? Common.Languages.Normalize(System.Globalization.CultureInfo.CurrentUICulture.Name) ?? Common.Languages.English };
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.Workspaces.Add(workspace);
            await db.SaveChangesAsync();
        }

        user.WorkspaceId = workspace.Id;
        user.Role = WorkspaceRole.Owner;
        var result = await create();
        if (!result.Succeeded)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.Workspaces.Where(w => w.Id == workspace.Id).ExecuteDeleteAsync();
            user.WorkspaceId = Guid.Empty;
        }

        return result;
    }

    /// <summary>Public mail services: a workspace is not named after them.</summary>
    private static readonly HashSet<string> MailServices = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "icloud", "me", "aol", "proton", "protonmail", "gmx",
        "orange", "wanadoo", "free", "sfr", "laposte", "yandex", "zoho", "mail", "example",
    };

    /// <summary>
    /// A first name an owner can change: the company of a work address ("acme" for jane@acme.com), else the person's
    /// own name from the address ("jane.doe" for jane.doe@gmail.com). Neutral in every language.
    /// </summary>
    private static string WorkspaceName(AgentHubUser user)
    {
        var address = user.Email ?? user.UserName ?? "";
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? address[..at] : address;
        var company = at > 0 ? address[(at + 1)..].Split('.')[0] : "";
        var name = company.Length > 0 && !MailServices.Contains(company)
            ? char.ToUpperInvariant(company[0]) + company[1..]
            : local;
        return name.Length == 0 ? "AgentHub" : name[..Math.Min(name.Length, 100)];
    }
}
