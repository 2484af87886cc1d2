using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Keeps secrets and personal data out of the logs whatever the configured levels. Applied after configuration is
/// read, for every logging provider that has rules and for the default, on the most specific categories there are, so
/// no configuration can lower these floors:
/// <list type="bullet">
/// <item>ASP.NET Core's hosting diagnostics write every request's full URL, query included, at Information ("Request
/// starting ... /oauth/callback?code=...&amp;state=..."): an OAuth code and state, an invitation token.</item>
/// <item>Routing's matcher writes the request path at Debug, and a webhook address's key is a bearer secret.</item>
/// <item>Microsoft.Extensions.AI's function invocation and logging clients write tool arguments, tool results and
/// messages at Trace: ticket text, email bodies, customers' personal data.</item>
/// <item>Data Protection's key repository writes each key's XML, master key included, at Debug.</item>
/// </list>
/// </summary>
public sealed class SensitiveLogFloor : IPostConfigureOptions<LoggerFilterOptions>
{
    public const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    public const string MatcherCategory = "Microsoft.AspNetCore.Routing.Matching.DfaMatcher";
    public const string AiCategory = "Microsoft.Extensions.AI";
    public const string DataProtectionCategory = "Microsoft.AspNetCore.DataProtection";

    private static readonly (string Category, LogLevel Floor)[] Floors =
    [
        (HostingCategory, LogLevel.Warning),
        (MatcherCategory, LogLevel.Warning),
        (AiCategory, LogLevel.Information),
        (DataProtectionCategory, LogLevel.Information),
    ];

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        foreach (var rule in options.Rules.Where(r => Floors.Any(f => Covers(f.Category, r.CategoryName))).ToList())
        {
            options.Rules.Remove(rule);
        }

        foreach (var provider in providers)
        {
            foreach (var (category, floor) in Floors)
            {
                options.Rules.Add(new LoggerFilterRule(provider, category, floor, filter: null));
            }
        }
    }

    /// <summary>
    /// A configured rule that could select a level for the category or one below it: the same name or a longer one (as
    /// logging does, ignoring case), or a wildcard rule whose prefix and suffix could match inside it.
    /// </summary>
    private static bool Covers(string category, string? ruleCategory)
    {
        if (ruleCategory is null)
        {
            return false;
        }

        var star = ruleCategory.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return ruleCategory.Equals(category, StringComparison.OrdinalIgnoreCase) ||
                   ruleCategory.StartsWith(category + ".", StringComparison.OrdinalIgnoreCase);
        }

        // "prefix*suffix": it can match a category under ours when its prefix agrees with ours as far as both go.
        var prefix = ruleCategory[..star];
        return prefix.Length <= category.Length
            ? category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            : prefix.StartsWith(category, StringComparison.OrdinalIgnoreCase);
    }
}
