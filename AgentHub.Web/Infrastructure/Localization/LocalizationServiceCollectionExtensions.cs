using System.Globalization;
using AgentHub.Core.Accounts;
using AgentHub.Core.Common;
using Microsoft.AspNetCore.Localization;

namespace AgentHub.Web.Infrastructure.Localization;

public static class LocalizationServiceCollectionExtensions
{
    /// <summary>
    /// English and French with ASP.NET Core localization: .resx resources beside each feature's text class; the
    /// person's language from their account, else the culture cookie, else the browser's Accept-Language, else English.
    /// </summary>
    public static IServiceCollection AddAgentHubLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Languages.Supported.Select(CultureInfo.GetCultureInfo).ToList();
            o.DefaultRequestCulture = new RequestCulture(Languages.English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new LocaleClaimCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>
    /// Pages and the circuit's connection take the person's culture; the REST API stays English (its problem titles and
    /// validation messages are a contract scripts read).
    /// </summary>
    public static IApplicationBuilder UseAgentHubLocalization(this IApplicationBuilder app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => branch.Use(next => context =>
        {
            Languages.UseEnglish();
            return next(context);
        }));
        return app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), branch => branch.UseRequestLocalization());
    }
}
