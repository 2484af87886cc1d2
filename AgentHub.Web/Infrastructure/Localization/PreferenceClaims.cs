using System.Security.Claims;
using AgentHub.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>
/// The person's language and time zone travel in their sign-in cookie as the OpenID Connect claims `locale` and
/// `zoneinfo`, so every request and every circuit knows them without a database read. A change re-issues the cookie.
/// </summary>
public sealed class PreferenceClaims(UserManager<AgentHubUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AgentHubUser>(users, options)
{
    public const string Locale = "locale";
    public const string ZoneInfo = "zoneinfo";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AgentHubUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Language is { Length: > 0 } language)
        {
            identity.AddClaim(new Claim(Locale, language));
        }

        if (user.TimeZone is { Length: > 0 } zone)
        {
            identity.AddClaim(new Claim(ZoneInfo, zone));
        }

        return identity;
    }
}
