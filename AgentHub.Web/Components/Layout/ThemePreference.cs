namespace AgentHub.Web.Components.Layout;

/// <summary>
/// The light or dark theme, kept in a cookie so that the static shell renders it on the first byte (no flash, no
/// circuit needed for the toggle). The toggle posts to <c>/preferences/theme</c>.
/// </summary>
public static class ThemePreference
{
    public const string CookieName = "AgentHub.Theme";

    public static bool IsDark(HttpContext? context) => context?.Request.Cookies[CookieName] == "dark";

    public static IEndpointRouteBuilder MapThemePreference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/preferences/theme", (HttpContext context, [Microsoft.AspNetCore.Mvc.FromForm] string? theme,
            [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            context.Response.Cookies.Append(CookieName, theme == "dark" ? "dark" : "light", new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return TypedResults.LocalRedirect(Account.LocalUrl.OrHome(returnUrl));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
