using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;

using AgentHub.Integrations.Http;

namespace AgentHub.Integrations.Actions;

/// <summary>
/// Turns an action's step into a request through the same factory as checks: the step becomes a check-shaped spec on
/// the connection's host (or the step's own catalog host), so encoding, derived hosts, auth and operator base URLs
/// work exactly as they do for verification. Adds what checks do not have: optional query parameters and a JSON body.
/// </summary>
public sealed class ActionRequestFactory(ProviderRequestFactory requests)
{
    public ProviderRequest Create(ProviderCheck check, ActionStepSpec step, bool oauth, JsonObject arguments, IReadOnlyDictionary<string, string> values)
    {
        var baseSpec = check.SpecFor(oauth);
        var url = step.Url ?? $"https://{CatalogTemplates.HostPart(baseSpec.Url)}{step.Path}";
        url += QueryTemplate(step, arguments, values, baseSpec);

        var headers = new Dictionary<string, string>(baseSpec.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in step.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        var spec = baseSpec with
        {
            Method = step.Method,
            Url = url,
            Auth = step.Auth ?? baseSpec.Auth,
            Headers = headers,
            Form = step.Form,
        };

        // Arguments join the values as text for the path and query; the validator keeps their names apart from fields.
        var lookup = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var (name, value) in arguments)
        {
            if (ActionBody.Lookup(name, arguments, values) is { } text && value is not null)
            {
                lookup[name] = text;
            }
        }

        var built = requests.Create(check.Provider, spec, lookup);
        if (built.Message is { } message && step.Json is not null)
        {
            var body = ActionBody.Render(step.Json, arguments, values);
            message.Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
        }

        return built;
    }

    /// <summary>
    /// The step's query as a template: a parameter whose placeholders all have values is kept, others are left out; the
    /// literal text is escaped here, the placeholders are filled (and escaped) once by the request factory.
    /// </summary>
    private static string QueryTemplate(ActionStepSpec step, JsonObject arguments, IReadOnlyDictionary<string, string> values, CheckSpec baseSpec)
    {
        if (step.Query is not { Count: > 0 } query)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var (name, template) in query)
        {
            var placeholders = CatalogTemplates.Placeholders(template).ToList();
            var complete = placeholders.All(p =>
                baseSpec.Derive?.ContainsKey(p) == true || !string.IsNullOrEmpty(ActionBody.Lookup(p, arguments, values)));
            if (complete)
            {
                parts.Add($"{Uri.EscapeDataString(name)}={EscapeLiterals(template)}");
            }
        }

        var separator = (step.Url ?? step.Path ?? "").Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return parts.Count == 0 ? "" : separator + string.Join("&", parts);
    }

    private static string EscapeLiterals(string template)
    {
        var builder = new StringBuilder();
        var last = 0;
        foreach (System.Text.RegularExpressions.Match match in CatalogTemplates.PlaceholderPattern().Matches(template))
        {
            builder.Append(Uri.EscapeDataString(template[last..match.Index])).Append(match.Value);
            last = match.Index + match.Length;
        }

        return builder.Append(Uri.EscapeDataString(template[last..])).ToString();
    }
}
