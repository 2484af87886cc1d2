using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Keeps request URLs out of the logs. ASP.NET Core's hosting diagnostics write every request's full URL, query string
/// included, at Information ("Request starting ... /oauth/callback?code=...&amp;state=..."), before any middleware
/// runs; an OAuth code and state, or an invitation token, would be written wherever an operator turned that category
/// up. This floor is applied after configuration is read, for every logging provider that has rules and for the
/// default, on the most specific category there is, so no configuration can lower it.
/// </summary>
public sealed class RequestUrlLogFloor : IPostConfigureOptions<LoggerFilterOptions>
{
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        foreach (var rule in options.Rules.Where(r => r.CategoryName == Category).ToList())
        {
            options.Rules.Remove(rule);
        }

        foreach (var provider in providers)
        {
            options.Rules.Add(new LoggerFilterRule(provider, Category, LogLevel.Warning, filter: null));
        }
    }
}
