using AgentHub.Core.Accounts;
using AgentHub.Core.Common;
using AgentHub.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>
/// The language menu and the browser's time zone. The language is stored on the account (and in the culture cookie,
/// which is all an anonymous visitor has); both are re-issued as claims of the sign-in cookie.
/// </summary>
public static class PreferenceEndpoints
{
    public static IEndpointRouteBuilder MapPreferenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/preferences/language", SetLanguageAsync).ExcludeFromDescription();
        endpoints.MapPost("/preferences/timezone", SetTimeZoneAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SetLanguageAsync(
        HttpContext context, [FromForm] string? language, [FromForm] string? returnUrl,
        UserManager<AgentHubUser> users, SignInManager<AgentHubUser> signIn)
    {
        var chosen = Languages.Normalize(language);
        if (chosen is null)
        {
            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        if (await users.GetUserAsync(context.User) is { } user && user.Language != chosen)
        {
            user.Language = chosen;
            await users.UpdateAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    private static async Task<IResult> SetTimeZoneAsync(
        HttpContext context, [FromForm] string? timeZone, UserManager<AgentHubUser> users, SignInManager<AgentHubUser> signIn)
    {
        if (!UserTimeZones.TryFind(timeZone, out _))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown time zone",
                detail: "Send an IANA time zone name, such as Europe/Paris.");
        }

        if (await users.GetUserAsync(context.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        await StoreTimeZoneAsync(users, signIn, user, timeZone!);
        return TypedResults.NoContent();
    }

    /// <summary>Keeps the zone a browser reported, and re-issues the sign-in cookie when it changed.</summary>
    public static async Task StoreTimeZoneAsync(UserManager<AgentHubUser> users, SignInManager<AgentHubUser> signIn, AgentHubUser user, string timeZone)
    {
        if (user.TimeZone == timeZone || !UserTimeZones.TryFind(timeZone, out _))
        {
            return;
        }

        user.TimeZone = timeZone;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
    }
}
