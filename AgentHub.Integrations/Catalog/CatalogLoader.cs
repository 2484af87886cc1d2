using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// Reads the declarative catalog (catalog.json, embedded in this assembly) and proves it consistent before anything
/// uses it: a broken entry stops the app at startup, not a user at the connect button.
/// </summary>
public static partial class CatalogLoader
{
    public static readonly IReadOnlySet<string> Categories = new HashSet<string>(StringComparer.Ordinal)
    {
        "social_media", "customer_support", "seo", "analytics", "crm", "email", "content",
    };

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Lazy<IntegrationCatalog> Embedded = new(() =>
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("AgentHub.Integrations.catalog.json")
            ?? throw new InvalidOperationException("The embedded catalog.json is missing from AgentHub.Integrations.");
        return Load(stream);
    });

    /// <summary>The catalog shipped with this build; parsed and checked once per process.</summary>
    public static IntegrationCatalog LoadEmbedded() => Embedded.Value;

    public static IntegrationCatalog Load(Stream json)
    {
        var document = JsonSerializer.Deserialize<CatalogDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The catalog is empty.");
        var problems = new List<string>();

        var checks = document.Providers.Select(p => ToCheck(p, problems)).ToList();
        var agents = document.Agents.Select(a => new AgentDefinition
        {
            Id = a.Id,
            Name = a.Name,
            Role = a.Role,
            Persona = a.Persona,
            Color = a.Color,
            Avatar = a.Avatar ?? $"/avatars/{a.Id}.svg",
            Integrations = a.Integrations.Select(i => new AgentIntegration(i.Provider, i.Description)).ToList(),
        }).ToList();

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

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The catalog is inconsistent:\n- " + string.Join("\n- ", problems));
        }

        return new IntegrationCatalog(agents, checks);
    }

    private static ProviderCheck ToCheck(ProviderEntry entry, List<string> problems)
    {
        var fields = entry.Fields.Select(f => new CredentialField
        {
            Name = f.Name,
            Label = f.Label,
            Type = f.Type,
            Required = f.Required,
            Help = f.Help,
            Placeholder = f.Placeholder,
            Pattern = f.Pattern,
            PatternMessage = f.PatternMessage,
            Options = f.Options,
            HostSuffixes = f.HostSuffixes,
            MaxLength = f.MaxLength,
        }).ToList();

        var spec = entry.Check;
        var provider = new ProviderDefinition
        {
            Id = entry.Id,
            Name = entry.Name,
            Category = entry.Category,
            Icon = entry.Icon ?? $"/icons/{entry.Id}.svg",
            DocsUrl = entry.DocsUrl,
            Summary = entry.Summary,
            Fields = fields,
            RoutingFields = RoutingFields(spec),
            HeaderFields = HeaderFields(spec),
        };

        CheckProvider(provider, spec, problems);
        return new ProviderCheck(provider, spec, entry.RateLimit ?? new RateLimitSpec(60, 60, null));
    }

    /// <summary>The fields whose values (directly or through a derived value) decide the request's host.</summary>
    internal static HashSet<string> RoutingFields(CheckSpec spec)
    {
        var routing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Placeholders(HostPart(spec.Url)))
        {
            routing.Add(spec.Derive?.TryGetValue(name, out var derive) == true ? derive.From : name);
        }

        return routing;
    }

    /// <summary>The fields whose values travel in a request header (bearer token, basic credentials, custom headers).</summary>
    internal static HashSet<string> HeaderFields(CheckSpec spec)
    {
        string?[] templates = [spec.Auth.Token, spec.Auth.Username, spec.Auth.Password, spec.Auth.Value, .. spec.Headers?.Values ?? []];
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in templates.OfType<string>().SelectMany(Placeholders))
        {
            fields.Add(spec.Derive?.TryGetValue(name, out var derive) == true ? derive.From : name);
        }

        return fields;
    }

    private static void CheckProvider(ProviderDefinition provider, CheckSpec spec, List<string> problems)
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

        if (spec.Method is not ("GET" or "POST"))
        {
            Problem($"unsupported method {spec.Method}");
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

        foreach (var placeholder in Placeholders(HostPart(spec.Url)))
        {
            var dnsLabelField = provider.FindField(placeholder)?.Pattern == DnsLabelPattern;
            if (!derived.ContainsKey(placeholder) && !dnsLabelField)
            {
                Problem($"host placeholder {{{placeholder}}} must be a derived host or a field constrained to a DNS label");
            }
        }

        var templates = TemplatesOf(spec).ToList();
        foreach (var placeholder in templates.SelectMany(Placeholders).Distinct())
        {
            if (!names.Contains(placeholder) && !derived.ContainsKey(placeholder))
            {
                Problem($"placeholder {{{placeholder}}} is backed by no field or derived value");
            }
        }

        var used = templates.SelectMany(Placeholders)
            .Select(p => derived.TryGetValue(p, out var d) ? d.From : p)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var secret in provider.SecretFields.Where(f => !used.Contains(f.Name)))
        {
            Problem($"secret field {secret.Name} is never sent, so the check cannot verify it");
        }

        var auth = spec.Auth;
        var authComplete = auth.Type switch
        {
            "bearer" => auth.Token is not null,
            "basic" => auth.Username is not null && auth.Password is not null,
            "header" => auth.Name is not null && auth.Value is not null,
            "none" => true,
            _ => false,
        };
        if (!authComplete)
        {
            Problem($"auth type {auth.Type} is unknown or incomplete");
        }

        foreach (var rule in spec.Errors.Where(r => OutcomeReasons.FromCode(r.Reason) is null))
        {
            Problem($"error rule maps to unknown reason {rule.Reason}");
        }

        if (spec.Body == "json" && spec.Expect.Count == 0 && spec.Grants.Count == 0)
        {
            Problem("a JSON check needs at least one expect or grants rule (an answer anyone gets proves nothing)");
        }

        if (spec.Body == "text" && spec.TextPattern is null)
        {
            Problem("a text check needs a text_pattern");
        }
    }

    /// <summary>Every template string of a check: URL, auth, headers, form and rule values.</summary>
    internal static IEnumerable<string> TemplatesOf(CheckSpec spec)
    {
        yield return spec.Url;
        foreach (var value in new[] { spec.Auth.Token, spec.Auth.Username, spec.Auth.Password, spec.Auth.Value })
        {
            if (value is not null)
            {
                yield return value;
            }
        }

        foreach (var value in (spec.Headers?.Values ?? []).Concat(spec.Form?.Values ?? []))
        {
            yield return value;
        }

        foreach (var rule in spec.Expect.Concat(spec.Grants))
        {
            foreach (var value in new[] { rule.EqualTo, rule.Contains, rule.HasKey })
            {
                if (value is not null)
                {
                    yield return value;
                }
            }
        }
    }

    internal const string DnsLabelPattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    internal static string HostPart(string url)
    {
        var rest = url.StartsWith("https://", StringComparison.Ordinal) ? url["https://".Length..] : url;
        var end = rest.IndexOfAny(['/', '?']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>Fills a catalog template's `{placeholder}`s from <paramref name="lookup"/> (missing: empty), each encoded.</summary>
    internal static string Render(string template, Func<string, string?> lookup, Func<string, string>? encode = null) =>
        PlaceholderPattern().Replace(template, m =>
        {
            var value = lookup(m.Groups[1].Value) ?? string.Empty;
            return encode is null ? value : encode(value);
        });

    internal static IEnumerable<string> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value);

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

    [GeneratedRegex(@"\{([a-z_][a-z0-9_]*)\}")]
    internal static partial Regex PlaceholderPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex IdPattern();
}
