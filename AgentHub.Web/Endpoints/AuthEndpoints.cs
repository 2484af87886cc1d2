using AgentHub.Core.Accounts;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// Identity's API endpoints under /api/auth (register, login with bearer tokens or cookies, refresh, manage), with
/// per-client rate limits, registration that can be closed, registration by invitation, and the antiforgery token
/// for cookie-authenticated scripts.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth")
            .WithTags("Auth")
            .RequireRateLimiting(AuthServiceCollectionExtensions.AuthLimit)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ApiEndpoints.MaxBodyBytes))
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .AddEndpointFilter(RegistrationClosedAs403)
            .AddEndpointFilter(UniformSignInFailure)
            .AddEndpointFilter(RequiredMembersFilter.InvokeAsync);
        auth.MapIdentityApi<AgentHubUser>().Add(DescribeIdentityEndpoint);

        auth.MapPost("/register-invited", RegisterInvited)
            .WithName("RegisterInvited")
            .WithSummary("Creates an account from an invitation; it joins the inviting workspace.")
            .ProducesValidationProblem();
        auth.MapGet("/antiforgery", Antiforgery)
            .RequireAuthorization(AuthServiceCollectionExtensions.ApiPolicy)
            .WithName("GetAntiforgeryToken")
            .WithSummary("The token a cookie-authenticated script sends in X-XSRF-TOKEN on unsafe requests.");
        return app;
    }

    /// <summary>Identity's endpoints carry no names or summaries; the OpenAPI document (and generated clients) need both.</summary>
    private static readonly Dictionary<(string Method, string Path), (string Name, string Summary)> IdentityOperations = new()
    {
        [("POST", "/register")] = ("RegisterAccount", "Creates an account that owns a new workspace (while registration is open; else 403)."),
        [("POST", "/login")] = ("SignIn", "Signs in: bearer tokens in the body, or the sign-in cookie with ?useCookies=true. 401 for any refusal."),
        [("POST", "/refresh")] = ("RefreshToken", "Exchanges a refresh token for new tokens (401 when it is invalid, expired or revoked)."),
        [("GET", "/confirmEmail")] = ("ConfirmEmail", "Confirms an email address from a confirmation link."),
        [("POST", "/resendConfirmationEmail")] =
            ("ResendConfirmationEmail", "Sends the confirmation email again (AgentHub sends no mail: accepted, nothing sent)."),
        [("POST", "/forgotPassword")] = ("ForgotPassword", "Starts a password reset (AgentHub sends no mail: accepted, nothing sent)."),
        [("POST", "/resetPassword")] = ("ResetPassword", "Resets a password with a reset code."),
        [("POST", "/manage/2fa")] = ("ManageTwoFactor", "Reads or changes the signed-in account's two-factor settings."),
        [("GET", "/manage/info")] = ("GetAccountInfo", "The signed-in account's email."),
        [("POST", "/manage/info")] = ("UpdateAccountInfo", "Changes the signed-in account's email or password."),
    };

    /// <summary>Answers Identity's endpoints give that its own metadata does not declare (and this app's filters add).</summary>
    private static readonly Dictionary<string, int[]> ExtraProblems = new()
    {
        ["RegisterAccount"] = [StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests],
        ["SignIn"] = [StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests],
        ["RefreshToken"] = [StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests],
    };

    private static void DescribeIdentityEndpoint(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } pattern })
        {
            return;
        }

        foreach (var method in endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList())
        {
            var path = pattern.StartsWith("/api/auth", StringComparison.Ordinal) ? pattern["/api/auth".Length..] : pattern;
            if (IdentityOperations.TryGetValue((method, "/" + path.TrimStart('/')), out var operation))
            {
                endpoint.Metadata.Add(new EndpointNameMetadata(operation.Name));
                endpoint.Metadata.Add(new EndpointSummaryAttribute(operation.Summary));
                foreach (var status in ExtraProblems.GetValueOrDefault(operation.Name, []))
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(
                        status,
                        typeof(Microsoft.AspNetCore.Mvc.ProblemDetails),
                        ["application/problem+json"]));
                }
            }
        }
    }

    /// <summary>
    /// The user manager refuses every uninvited account while registration is closed, whatever route asked for it; this
    /// turns its refusal into a 403 that says so (Identity's own endpoint would answer a 400 keyed by the error code).
    /// </summary>
    private static async ValueTask<object?> RegistrationClosedAs403(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return Unwrap(result) is ValidationProblem problem && problem.ProblemDetails.Errors.ContainsKey(AgentHubUserManager.RegistrationClosedCode)
            ? Problems.Result(Problems.RegistrationClosed())
            : result;
    }

    /// <summary>
    /// Identity's login answers 401 with "LockedOut", "NotAllowed" or "Failed" as the detail, which tells an attacker
    /// which emails have accounts (only an existing account can be locked out). Every refused sign-in reads the same.
    /// </summary>
    private static async ValueTask<object?> UniformSignInFailure(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return Unwrap(result) is ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized }
            ? Problems.Result(Problems.SignInFailed())
            : result;
    }

    /// <summary>The result inside Identity's `Results&lt;…&gt;` union.</summary>
    private static object? Unwrap(object? result) => result is INestedHttpResult nested ? nested.Result : result;

    public static async Task<Results<Ok, ValidationProblem>> RegisterInvited(
        InvitedRegistration request,
        AccountService accounts,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Invitation))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string,
                string[]>
                { ["invitation"] = ["An invitation token is required: use the link the workspace owner shared."] });
        }

        var result = await accounts.RegisterAsync(request.Email ?? "", request.Password ?? "", request.Invitation ?? "", cancellationToken);
        if (result.Succeeded)
        {
            return TypedResults.Ok();
        }

        return TypedResults.ValidationProblem(result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : e.Code == "Invitation" ? "invitation" : "email")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
    }

    public static Ok<AntiforgeryTokenResponse> Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.RequestToken!, CookieAntiforgeryFilter.HeaderName));
    }
}
