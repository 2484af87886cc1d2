using AgentHub.Core.Accounts;
using AgentHub.Core.Workspaces;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>Creates accounts: self-registration (when allowed), invited members, and the configured bootstrap admin.</summary>
public sealed class AccountService(
    AgentHubUserManager users,
    WorkspaceService workspaces,
    IOptionsMonitor<AuthOptions> options)
{
    /// <summary>
    /// Creates an account. With an invitation the account joins the inviting workspace with the invited role (the email
    /// must match); without one it becomes the owner of a new workspace, if registration is open.
    /// </summary>
    public async Task<RegistrationResult> RegisterAsync(string email, string password, string? invitationToken, CancellationToken cancellationToken = default)
    {
        Invitation? invitation = null;
        if (!string.IsNullOrEmpty(invitationToken))
        {
            invitation = await workspaces.FindInvitationAsync(invitationToken, cancellationToken);
            if (invitation is null)
            {
                return RegistrationResult.Fail("This invitation link is invalid, used or expired. Ask the workspace owner for a new one.");
            }

            if (!string.Equals(invitation.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return RegistrationResult.Fail($"This invitation is for {invitation.Email}. Register with that address.");
            }
        }

        var user = new AgentHubUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            WorkspaceId = invitation?.WorkspaceId ?? Guid.Empty,
            Role = invitation?.Role ?? WorkspaceRole.Owner,
        };
        // The user manager refuses a new workspace while registration is closed (RegistrationClosedCode).
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == AgentHubUserManager.RegistrationClosedCode)
                ? RegistrationResult.Closed()
                : RegistrationResult.Fail(result.Errors.ToArray());
        }

        if (invitation is not null)
        {
            await workspaces.AcceptInvitationAsync(invitation, user.Id, user.Email ?? user.Id, cancellationToken);
        }

        return RegistrationResult.Ok(user);
    }

    /// <summary>Creates `Auth:BootstrapAdmin` as the owner of a new workspace when no account has that email yet.</summary>
    public async Task EnsureBootstrapAdminAsync(CancellationToken cancellationToken = default)
    {
        var admin = options.CurrentValue.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrEmpty(admin.Password) || await users.FindByEmailAsync(admin.Email) is not null)
        {
            return;
        }

        var result = await users.CreateBootstrapOwnerAsync(
            new AgentHubUser { UserName = admin.Email.Trim(), Email = admin.Email.Trim(), EmailConfirmed = true },
            admin.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Auth:BootstrapAdmin could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
