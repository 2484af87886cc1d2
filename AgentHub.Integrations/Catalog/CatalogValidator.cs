using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// Proves a loaded catalog consistent: ids, categories, fields, templates backed by fields, hosts only from DNS labels
/// or derived values, complete auth, and rules that can tell a real success from an answer anyone gets.
/// </summary>
public static partial class CatalogValidator
{
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "social_media", "customer_support", "seo", "analytics", "crm", "email", "content",
    };

    /// <summary>Agents and providers together: unique ids, known providers, no provider left unused.</summary>
    internal static void CheckAgents(IReadOnlyList<AgentDefinition> agents, IReadOnlyList<ProviderCheck> checks, List<string> problems)
    {
        CheckIds("agent", agents.Select(a => a.Id), problems);
        CheckIds("provider", checks.Select(c => c.Provider.Id), problems);
        var providerIds = checks.Select(c => c.Provider.Id).ToHashSet();
        foreach (var agent in agents)
        {
            foreach (var link in agent.Integrations.Where(l => !providerIds.Contains(l.ProviderId)))
            {
                problems.Add($"agent {agent.Id} uses unknown provider {link.ProviderId}");
            }

            foreach (var duplicate in agent.Integrations.GroupBy(l => l.ProviderId).Where(g => g.Count() > 1))
            {
                problems.Add($"agent {agent.Id} lists {duplicate.Key} twice");
            }
        }

        foreach (var unused in providerIds.Where(id => !agents.Any(a => a.FindIntegration(id) is not null)))
        {
            problems.Add($"provider {unused} is used by no agent");
        }

    }

    internal static void CheckProvider(ProviderDefinition provider, CheckSpec spec, List<string> problems)
    {
        var id = provider.Id;
        void Problem(string text) => problems.Add($"{id}: {text}");

        if (!Categories.Contains(provider.Category))
        {
            Problem($"unknown category {provider.Category}");
        }

        if (!provider.DocsUrl.StartsWith("https://", StringComparison.Ordinal))
        {
            Problem("docs_url must be https");
        }

        if (provider.Fields.Count == 0 || !provider.Fields.Any(f => f.IsSecret))
        {
            Problem("needs at least one field and one secret (password) field");
        }

        foreach (var duplicate in provider.Fields.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            Problem($"field {duplicate.Key} is declared twice");
        }

        foreach (var field in provider.Fields)
        {
            if (!IdPattern().IsMatch(field.Name))
            {
                Problem($"field name {field.Name} is not snake_case");
            }

            if (string.IsNullOrWhiteSpace(field.Label) || string.IsNullOrWhiteSpace(field.Help))
            {
                Problem($"field {field.Name} needs a label and a help text");
            }

            if (field.Pattern is { } pattern && !IsValidRegex(pattern))
            {
                Problem($"field {field.Name} has an invalid pattern");
            }
        }

        if (!spec.Url.StartsWith("https://", StringComparison.Ordinal))
        {
            Problem("the check URL must be https");
        }

        var names = provider.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var derived = spec.Derive ?? new Dictionary<string, DeriveSpec>();
        foreach (var (name, derive) in derived)
        {
            if (!names.Contains(derive.From))
            {
                Problem($"derived value {name} comes from unknown field {derive.From}");
            }

            if ((derive.Map is null ? 0 : 1) + (derive.Regex is null ? 0 : 1) + (derive.UrlHost ? 1 : 0) != 1)
            {
                Problem($"derived value {name} needs exactly one of map, regex, url_host");
            }

            if (derive.UrlHost && provider.FindField(derive.From)?.HostSuffixes is not { Count: > 0 })
            {
                Problem($"derived host {name} comes from {derive.From}, which has no host_suffixes");
            }
        }

        foreach (var placeholder in CatalogTemplates.Placeholders(CatalogTemplates.HostPart(spec.Url)))
        {
            var dnsLabelField = provider.FindField(placeholder)?.Pattern == CatalogTemplates.DnsLabelPattern;
            if (!derived.ContainsKey(placeholder) && !dnsLabelField)
            {
                Problem($"host placeholder {{{placeholder}}} must be a derived host or a field constrained to a DNS label");
            }
        }

        var templates = CatalogTemplates.TemplatesOf(spec).ToList();
        foreach (var placeholder in templates.SelectMany(CatalogTemplates.Placeholders).Distinct())
        {
            if (!names.Contains(placeholder) && !derived.ContainsKey(placeholder))
            {
                Problem($"placeholder {{{placeholder}}} is backed by no field or derived value");
            }
        }

        var used = templates.SelectMany(CatalogTemplates.Placeholders)
            .Select(p => derived.TryGetValue(p, out var d) ? d.From : p)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var secret in provider.SecretFields.Where(f => !used.Contains(f.Name)))
        {
            Problem($"secret field {secret.Name} is never sent, so the check cannot verify it");
        }

        var auth = spec.Auth;
        var authComplete = auth.Type switch
        {
            AuthType.Bearer => auth.Token is not null,
            AuthType.Basic => auth.Username is not null && auth.Password is not null,
            AuthType.Header => auth.Name is not null && auth.Value is not null,
            _ => true,
        };
        if (!authComplete)
        {
            Problem($"auth type {auth.Type} is incomplete");
        }

        foreach (var rule in spec.Errors.Where(r => r.Reason is OutcomeReason.Ok or OutcomeReason.InvalidInput))
        {
            Problem($"error rule maps to {rule.Reason}, which is not a provider's error");
        }

        if (spec.Body == CheckBody.Json && spec.Expect.Count == 0 && spec.Grants.Count == 0)
        {
            Problem("a JSON check needs at least one expect or grants rule (an answer anyone gets proves nothing)");
        }

        if (spec.Body == CheckBody.Text && spec.TextPattern is null)
        {
            Problem("a text check needs a text_pattern");
        }
    }

    private static void CheckIds(string kind, IEnumerable<string> ids, List<string> problems)
    {
        foreach (var id in ids)
        {
            if (!IdPattern().IsMatch(id))
            {
                problems.Add($"{kind} id {id} is not snake_case");
            }
        }

        foreach (var duplicate in ids.GroupBy(i => i).Where(g => g.Count() > 1))
        {
            problems.Add($"{kind} id {duplicate.Key} is used twice");
        }
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdPattern();
}
