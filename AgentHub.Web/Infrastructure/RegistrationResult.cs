using AgentHub.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace AgentHub.Web.Infrastructure;

public sealed record RegistrationResult(bool Succeeded, bool RegistrationClosed, IReadOnlyList<IdentityError> Errors, AgentHubUser? User)
{
    public static RegistrationResult Ok(AgentHubUser user) => new(true, false, [], user);
    public static RegistrationResult Closed() => new(false, true, [AgentHubUserManager.RegistrationClosed], null);
    public static RegistrationResult Fail(string message) => new(false, false, [new IdentityError { Code = "Invitation", Description = message }], null);
    public static RegistrationResult Fail(IdentityError[] errors) => new(false, false, errors, null);
}
