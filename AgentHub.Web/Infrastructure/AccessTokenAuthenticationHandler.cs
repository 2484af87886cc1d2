using System.Security.Claims;
using System.Text.Encodings.Web;
using AgentHub.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// `Authorization: Bearer ahp_…`: a personal access token, checked on every request (not revoked, not expired, its
/// user still in its workspace). The principal names the user and carries the token's scope and access; its role is
/// the user's current one, capped to a member's for a read token (<see cref="ActorResolver"/>).
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenService tokens,
    IOptions<IdentityOptions> identity)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string TokenIdClaim = "agenthub:token_id";
    public const string TokenNameClaim = "agenthub:token_name";
    public const string ScopeClaim = "agenthub:token_scope";
    public const string AccessClaim = "agenthub:token_access";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        const string bearer = "Bearer ";
        if (header is null || !header.StartsWith(bearer + AccessToken.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult(); // not ours: Identity's bearer tokens and cookies are read by their own handlers
        }

        var found = await tokens.AuthenticateAsync(header[bearer.Length..].Trim(), Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("The access token is unknown, revoked or expired, or its account left the workspace.");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, found.UserId),
            new(TokenIdClaim, found.TokenId.ToString()),
            new(TokenNameClaim, found.TokenName),
            new(ScopeClaim, AccessTokenService.Name(found.Scope)),
            new(AccessClaim, AccessTokenService.Name(found.Access)),
        };
        if (found.SecurityStamp is not null)
        {
            claims.Add(new Claim(identity.Value.ClaimsIdentity.SecurityStampClaimType, found.SecurityStamp));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>True when the request was made with a personal access token.</summary>
    public static bool IsToken(ClaimsPrincipal user) => user.HasClaim(c => c.Type == TokenIdClaim);
}

/// <summary>
/// On the REST API: a token made for MCP is refused, a read token may only read (GET), and no token manages tokens
/// (a leaked token cannot make itself a successor).
/// </summary>
public sealed class AccessTokenScopeFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (AccessTokenAuthenticationHandler.IsToken(http.User))
        {
            var scope = http.User.FindFirstValue(AccessTokenAuthenticationHandler.ScopeClaim);
            var access = http.User.FindFirstValue(AccessTokenAuthenticationHandler.AccessClaim);
            var reads = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            if (scope != "api")
            {
                return Refused("Workspaces_TokenWrongScope");
            }

            if (access != "write" && !reads)
            {
                return Refused("Workspaces_TokenReadOnly");
            }

            if (http.Request.Path.StartsWithSegments("/api/tokens"))
            {
                return Refused("Workspaces_TokenCannotManageTokens");
            }
        }

        return await next(context);
    }

    private static IResult Refused(string key) =>
        Problems.Result(Problems.Of(StatusCodes.Status403Forbidden, "Forbidden", AgentHub.Core.Common.CoreText.Get(key)));
}
