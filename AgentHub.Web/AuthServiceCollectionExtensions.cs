using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using AgentHub.Core.Accounts;
using AgentHub.Core.Common;
using AgentHub.Web.Components.Account;
using AgentHub.Web.Infrastructure;
using AgentHub.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentHub.Web;

public static class AuthServiceCollectionExtensions
{
    public const string ApiPolicy = "api";
    public const string ConnectionTestsLimit = "connection-tests";
    public const string TasksLimit = "tasks";
    public const string AuthLimit = "auth";
    public const string WebhooksLimit = "webhooks";

    /// <summary>
    /// ASP.NET Core Identity on the AgentHub database: cookies for the pages, bearer tokens for scripts (/api/auth),
    /// lockout and password rules; API authorization that answers 401/403 instead of redirecting; rate limits.
    /// </summary>
    public static IServiceCollection AddAgentHubAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("RateLimits"));

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/Account/Login";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.Cookie.Name = "AgentHub.Auth";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.HttpOnly = true;
                // The API answers 401/403 (as ProblemDetails, via status code pages); only pages redirect to sign-in.
                o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<AgentHubUser>(o =>
            {
                o.SignIn.RequireConfirmedAccount = false;
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = PasswordPolicy.MinimumLength;
                o.Password.RequiredUniqueChars = PasswordPolicy.RequiredUniqueChars;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddAgentHubStores(configuration)
            .AddUserManager<AgentHubUserManager>()
            .AddClaimsPrincipalFactory<PreferenceClaims>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddApiEndpoints();
        services.AddSingleton<IEmailSender<AgentHubUser>, NoEmailSender>();

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.BearerScheme, AccessTokenAuthenticationHandler.SchemeName, IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser());
        services.AddAntiforgery(o => o.HeaderName = CookieAntiforgeryFilter.HeaderName);

        services.TryAddScoped<ActorResolver>();
        services.AddScoped<AccountService>();
        services.AddAgentHubRateLimits();
        services.AddSingleton<UnknownWebhookKeyLimiter>();
        // After AddBearerToken's own post-configuration, which creates the token format this wraps.
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, CachedBearerTokenSetup>();
        return services;
    }

    private static IServiceCollection AddAgentHubRateLimits(this IServiceCollection services)
    {
        // Limits are read per partition from options (hosts and test hosts may add configuration after registration).
        static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, Problems.TooManyRequests(seconds));
            };

            // Per user: nobody can turn AgentHub into a scanner by pressing "test" in a loop.
            o.AddPolicy(ConnectionTestsLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).ConnectionTests.PermitLimit, Window = Limits(context).ConnectionTests.Window, QueueLimit = 0 }));

            o.AddPolicy(TasksLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                "tasks:" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).Tasks.PermitLimit, Window = Limits(context).Tasks.Window, QueueLimit = 0 }));

            // Per webhook address (its key), whoever calls it: a leaked or guessed address cannot flood the inbox.
            o.AddPolicy(WebhooksLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                "hook:" + Text.Shorten(context.Request.RouteValues["key"] as string ?? "", 128),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Limits(context).Webhooks.PermitLimit, Window = Limits(context).Webhooks.Window, QueueLimit = 0 }));

            // Per client address: sign-in and registration attempts (brute force, account farming). The policy is endpoint
            // metadata (/api/auth, and [EnableRateLimiting] on the Login and Register pages), so it holds for every
            // spelling of a route that reaches those endpoints. Only posts count: showing a page costs nothing.
            o.AddPolicy(AuthLimit, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : AuthPartition(context));
        });
        return services;
    }

    private static RateLimitPartition<string> AuthPartition(HttpContext context) => RateLimitPartition.GetFixedWindowLimiter(
        "auth:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
        _ =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Auth;
            return new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 };
        });

    private static Task ApiAwareRedirect(HttpContext context, string redirectUri, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>No mail server: confirmation and reset mails are not sent (accounts need no confirmation).</summary>
    private sealed class NoEmailSender : IEmailSender<AgentHubUser>
    {
        public Task SendConfirmationLinkAsync(AgentHubUser user, string email, string confirmationLink) => Task.CompletedTask;
        public Task SendPasswordResetLinkAsync(AgentHubUser user, string email, string resetLink) => Task.CompletedTask;
        public Task SendPasswordResetCodeAsync(AgentHubUser user, string email, string resetCode) => Task.CompletedTask;
    }
}
