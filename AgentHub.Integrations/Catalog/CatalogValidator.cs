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

    /// <summary>
    /// The <c>oauth</c> block: https endpoints whose host placeholders are settings constrained to a DNS label, settings
    /// that are non-secret fields, a token field that is a secret the OAuth check sends, and an OAuth check whose every
    /// placeholder is backed by a setting, the token, a kept token-response or metadata value, or a derived value.
    /// </summary>
    internal static void CheckOAuth(ProviderDefinition provider, CheckSpec check, OAuthSpec oauth, List<string> problems)
    {
        void Problem(string text) => problems.Add($"{provider.Id}: oauth: {text}");

        foreach (var setting in oauth.Settings)
        {
            if (provider.FindField(setting) is not { IsSecret: false })
            {
                Problem($"setting {setting} is not a non-secret field");
            }
        }

        if (provider.FindField(oauth.TokenField) is not { IsSecret: true })
        {
            Problem($"token_field {oauth.TokenField} is not a secret field");
        }

        if (oauth.LongLived is { } longLived && (string.IsNullOrWhiteSpace(longLived.GrantType) || !IdPattern().IsMatch(longLived.TokenParam)))
        {
            Problem("long_lived needs a grant_type and a snake_case token_param");
        }

        if (string.IsNullOrEmpty(oauth.ScopeSeparator) || string.IsNullOrWhiteSpace(oauth.ClientIdParam))
        {
            Problem("scope_separator and client_id_param must not be empty");
        }

        foreach (var (name, url) in new[] { ("authorize_url", oauth.AuthorizeUrl), ("token_url", oauth.TokenUrl), ("metadata.url", oauth.Metadata?.Url) })
        {
            if (url is null)
            {
                continue;
            }

            if (!url.StartsWith("https://", StringComparison.Ordinal) || !Uri.TryCreate(CatalogTemplates.Render(url, _ => "x"), UriKind.Absolute, out _))
            {
                Problem($"{name} must be an https URL");
            }

            foreach (var placeholder in CatalogTemplates.Placeholders(url))
            {
                var field = provider.FindField(placeholder);
                var inHost = CatalogTemplates.Placeholders(CatalogTemplates.HostPart(url)).Contains(placeholder);
                if (!oauth.Settings.Contains(placeholder) || (inHost && field?.Pattern != CatalogTemplates.DnsLabelPattern))
                {
                    Problem($"{name} placeholder {{{placeholder}}} must be a setting{(inHost ? " constrained to a DNS label" : "")}");
                }
            }
        }

        var kept = oauth.TokenExtras.Values.Concat(oauth.Metadata?.Extract.Values ?? []).ToList();
        foreach (var name in kept.Where(n => provider.FindField(n) is { IsSecret: true } || n == oauth.TokenField || !IdPattern().IsMatch(n)))
        {
            Problem($"kept value {name} must be a snake_case name that is not a secret field");
        }

        if (oauth.Check is null)
        {
            // The credential check as it is: every field it uses must be available after an OAuth connect.
            var usedByCheck = CatalogTemplates.TemplatesOf(check).SelectMany(CatalogTemplates.Placeholders)
                .Select(p => check.Derive?.TryGetValue(p, out var d) == true ? d.From : p)
                .Where(p => provider.FindField(p) is { } field && (field.Required || field.IsSecret));
            foreach (var name in usedByCheck.Distinct().Where(n => n != oauth.TokenField && !oauth.Settings.Contains(n) && !kept.Contains(n)))
            {
                Problem($"the check needs {name}, which an OAuth connect does not provide: give the oauth block a check");
            }

            return;
        }

        var spec = check with { Url = oauth.Check.Url ?? check.Url, Auth = oauth.Check.Auth ?? check.Auth, Derive = oauth.Check.Derive };
        var available = oauth.Settings.Append(oauth.TokenField).Concat(kept).ToHashSet(StringComparer.Ordinal);
        var derived = spec.Derive ?? new Dictionary<string, DeriveSpec>();
        foreach (var (name, derive) in derived)
        {
            if (!available.Contains(derive.From))
            {
                Problem($"check: derived value {name} comes from {derive.From}, which an OAuth connect does not provide");
            }

            if (derive.UrlHost && provider.FindField(derive.From)?.HostSuffixes is not { Count: > 0 } && derive.HostSuffixes is not { Count: > 0 })
            {
                Problem($"check: derived host {name} needs host_suffixes");
            }
        }

        var templates = CatalogTemplates.TemplatesOf(spec).ToList();
        foreach (var placeholder in templates.SelectMany(CatalogTemplates.Placeholders).Distinct())
        {
            if (!available.Contains(placeholder) && !derived.ContainsKey(placeholder))
            {
                Problem($"check: placeholder {{{placeholder}}} is backed by no setting, token or kept value");
            }
        }

        if (!templates.SelectMany(CatalogTemplates.Placeholders).Contains(oauth.TokenField))
        {
            Problem($"check: the token {oauth.TokenField} is never sent");
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

    /// <summary>A catalog id or name: snake_case, starting with a letter (agents, providers, fields, actions, arguments).</summary>
    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    internal static partial Regex IdPattern();
}
