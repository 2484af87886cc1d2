using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// The catalog's `{placeholder}` templates: which fields a check uses and how, and rendering them at request time
/// (the request factory and the outcome classifier call these for every check).
/// </summary>
public static class CatalogTemplates
{
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

    /// <summary>A result link's placeholders: fields, and `result.a.b` paths into a write's kept answer.</summary>
    internal static IEnumerable<string> LinkPlaceholders(string template) =>
        LinkPlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value);

    internal static Regex LinkPlaceholderPattern() => CatalogPlaceholders.NameOrResultPath();

    internal static Regex PlaceholderPattern() => CatalogPlaceholders.Name();
}
