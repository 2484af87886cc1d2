using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Cross-site request forgery protection for API calls that ride on the sign-in cookie: an unsafe method must carry
/// the antiforgery token in the X-XSRF-TOKEN header (GET /api/auth/antiforgery hands it out). A call that the bearer
/// scheme actually authenticated needs no token (a browser never attaches a bearer token on its own); an Authorization
/// header that does not authenticate (a forged `Bearer junk` beside the cookie) changes nothing.
/// </summary>
internal sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
        if (unsafeMethod && http.User.Identity?.IsAuthenticated == true && http.Request.Headers.ContainsKey(HeaderNames.Cookie) &&
            !(await http.AuthenticateAsync(IdentityConstants.BearerScheme)).Succeeded)
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Problems.Result(Problems.CrossSiteRefused(HeaderName));
            }
        }

        return await next(context);
    }
}
