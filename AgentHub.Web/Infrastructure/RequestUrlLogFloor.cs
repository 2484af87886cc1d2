using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Keeps request URLs out of the logs. ASP.NET Core's hosting diagnostics write every request's full URL, query string
/// included, at Information ("Request starting ... /oauth/callback?code=...&amp;state=..."), before any middleware
/// runs; an OAuth code and state, or an invitation token, would be written wherever an operator turned that category
/// up. Routing's matcher writes the request path at Debug ("candidates for the request path '/hooks/zendesk/{key}'"),
/// and a webhook address's key is a bearer secret. This floor is applied after configuration is read, for every
/// logging provider that has rules and for the default, on the most specific categories there are, so no
/// configuration can lower it.
/// </summary>
public sealed class RequestUrlLogFloor : IPostConfigureOptions<LoggerFilterOptions>
{
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";
    public const string MatcherCategory = "Microsoft.AspNetCore.Routing.Matching.DfaMatcher";

    private static readonly string[] Categories = [Category, MatcherCategory];

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        foreach (var rule in options.Rules.Where(r => Categories.Contains(r.CategoryName)).ToList())
        {
            options.Rules.Remove(rule);
        }

        foreach (var provider in providers)
        {
            foreach (var category in Categories)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, LogLevel.Warning, filter: null));
            }
        }
    }
}
