using AgentHub.Core.Common;
using Microsoft.AspNetCore.Localization;

namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>The language a signed-in person chose in the account menu (their `locale` claim), before the browser's.</summary>
public sealed class LocaleClaimCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(Languages.Normalize(httpContext.User.FindFirst(PreferenceClaims.Locale)?.Value) is { } language
            ? new ProviderCultureResult(language)
            : null);
}
