using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentHub.Core.Catalog;
using Json.Schema;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// Proves a provider's actions safe and complete at startup: a parseable object schema, known placeholders only, a host
/// that never comes from an argument, arguments in a path constrained to a number, an enum or a pattern, a preview for
/// every write, and a cache only for reads.
/// </summary>
internal static class ActionCatalogValidator
{
    public const int MaxToolNameLength = 64;

    internal static void Check(ProviderCheck check, IReadOnlyList<ActionSpec> actions, List<string> problems)
    {
        var provider = check.Provider;
        var fields = provider.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var derived = (check.Spec.Derive?.Keys ?? []).Concat(check.OAuthCheck?.Derive?.Keys ?? [])
            .Concat(provider.OAuth?.Settings ?? []).ToHashSet(StringComparer.Ordinal);

        foreach (var duplicate in actions.GroupBy(a => a.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"{provider.Id}: action {duplicate.Key} is defined twice");
        }

        foreach (var action in actions)
        {
            void Problem(string text) => problems.Add($"{provider.Id}.{action.Name}: {text}");

            if (!CatalogValidator.IdPattern().IsMatch(action.Name) || $"{provider.Id}_{action.Name}".Length > MaxToolNameLength)
            {
                Problem($"the name must be snake_case and the tool name at most {MaxToolNameLength} characters");
            }

            if (string.IsNullOrWhiteSpace(action.Description) || action.Description.Length > 1024)
            {
                Problem("the description must say what the action does (at most 1,024 characters)");
            }

            var arguments = ArgumentsOf(action.Parameters, Problem);
            foreach (var clash in arguments.Keys.Where(a => fields.Contains(a) || derived.Contains(a)))
            {
                Problem($"argument {clash} has the name of a field: an argument may never stand in for a credential or a host");
            }

            switch (action.Effect)
            {
                case ActionEffect.Write when string.IsNullOrWhiteSpace(action.Preview):
                    Problem("a write needs a preview for its approver");
                    break;
                case ActionEffect.Write when action.CacheSeconds is not null:
                    Problem("a write is never cached");
                    break;
                case ActionEffect.Read when action.Destructive:
                    Problem("only a write can be destructive");
                    break;
                case ActionEffect.Read when action.CacheSeconds is <= 0 or > 86_400:
                    Problem("cache_seconds must be between 1 and 86400");
                    break;
            }

            if (action.MaxChars is < 200 or > 20_000)
            {
                Problem("max_chars must be between 200 and 20000");
            }

            if (action.Body == CheckBody.Text && action.Keep.Count > 0)
            {
                Problem("a text answer has no paths to keep");
            }

            if (action.Body == CheckBody.Json && action.Effect == ActionEffect.Read && action.Keep.Count == 0)
            {
                Problem("a read must say which answer fields the model gets (keep)");
            }

            if (action.Steps.Count == 0)
            {
                Problem("an action needs at least one step");
            }

            var captured = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < action.Steps.Count; i++)
            {
                CheckStep(action.Steps[i], i + 1, fields, derived, arguments, captured, Problem);
            }

            var previewKnown = arguments.Keys.Concat(provider.Fields.Where(f => !f.IsSecret).Select(f => f.Name)).Append(AccountPlaceholder).ToHashSet();
            foreach (var unknown in CatalogTemplates.Placeholders(action.Preview ?? "").Where(p => !previewKnown.Contains(p)))
            {
                Problem($"the preview uses {{{unknown}}}, which is neither an argument, a non-secret field nor {{{AccountPlaceholder}}}");
            }

            if (string.IsNullOrWhiteSpace(action.Title))
            {
                Problem("an action needs a title people read");
            }

            if (action.ImageArgument is { } image && !arguments.ContainsKey(image))
            {
                Problem($"image_argument names {image}, which is not an argument");
            }

            CheckResultLink(action, provider, Problem);
        }
    }

    /// <summary>The placeholder of a preview that names the connected account (its name, else nothing).</summary>
    public const string AccountPlaceholder = "account";

    private static void CheckResultLink(ActionSpec action, ProviderDefinition provider, Action<string> problem)
    {
        if (action.ResultLink is not { } link)
        {
            return;
        }

        if (action.Effect != ActionEffect.Write || !link.StartsWith("https://", StringComparison.Ordinal))
        {
            problem("result_link is an https link to what a write created");
        }

        foreach (var placeholder in CatalogTemplates.LinkPlaceholders(link))
        {
            var known = placeholder.StartsWith("result.", StringComparison.Ordinal)
                ? action.Keep.Contains(placeholder["result.".Length..])
                : provider.FindField(placeholder) is { IsSecret: false };
            if (!known)
            {
                problem($"result_link uses {{{placeholder}}}, which is neither a kept result path nor a non-secret field");
            }
        }
    }

    private static void CheckStep(
        ActionStepSpec step,
        int number,
        HashSet<string> fields,
        HashSet<string> derived,
        IReadOnlyDictionary<string, JsonElement> arguments,
        HashSet<string> captured,
        Action<string> problem)
    {
        void Problem(string text) => problem($"step {number}: {text}");

        if ((step.Path is null) == (step.Url is null))
        {
            Problem("give either path (the check's host) or url (another host of the provider)");
            return;
        }

        if (step.Path is { } path && !path.StartsWith('/'))
        {
            Problem("a path starts with /");
        }

        if (step.Url is { } url)
        {
            if (!url.StartsWith("https://", StringComparison.Ordinal))
            {
                Problem("a url must be https");
            }

            foreach (var name in CatalogTemplates.Placeholders(CatalogTemplates.HostPart(url)).Where(n => !fields.Contains(n) && !derived.Contains(n)))
            {
                Problem($"the host uses {{{name}}}: a host comes only from the catalog and the connection's fields");
            }
        }

        var known = fields.Concat(derived).Concat(arguments.Keys).Concat(captured).ToHashSet(StringComparer.Ordinal);
        var pathTemplate = step.Path ?? (step.Url is { } u ? u["https://".Length..] : "");
        string?[] auth = [step.Auth?.Token, step.Auth?.Username, step.Auth?.Password, step.Auth?.Value];
        var templates = new[] { pathTemplate }
            .Concat(step.Query?.Values ?? [])
            .Concat(step.Form?.Values ?? [])
            .Concat(step.Headers?.Values ?? [])
            .Concat(auth.OfType<string>())
            .Concat(JsonStrings(step.Json));
        foreach (var unknown in templates.SelectMany(CatalogTemplates.Placeholders).Where(n => !known.Contains(n)).Distinct())
        {
            Problem($"{{{unknown}}} is neither a field, an argument nor a value captured by an earlier step");
        }

        // An argument in the path is a number, a choice or a pattern: never free text that could walk to another endpoint.
        var pathOnly = pathTemplate.Split('?')[0];
        foreach (var name in CatalogTemplates.Placeholders(pathOnly).Where(arguments.ContainsKey))
        {
            var schema = arguments[name];
            var constrained = (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "integer") ||
                              schema.TryGetProperty("enum", out _) || schema.TryGetProperty("pattern", out _);
            if (!constrained)
            {
                Problem($"argument {name} is in the path, so its schema must be an integer, an enum or a pattern");
            }
        }

        if (step.Json is not null && step.Form is not null)
        {
            Problem("a step has one body: json or form");
        }

        foreach (var name in step.Capture?.Keys ?? [])
        {
            if (known.Contains(name))
            {
                Problem($"capture {name} has the name of a field or argument");
            }

            captured.Add(name);
        }
    }

    /// <summary>The schema's properties by name; reports a schema that is not an object schema or does not parse.</summary>
    internal static IReadOnlyDictionary<string, JsonElement> ArgumentsOf(JsonElement schema, Action<string> problem)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        try
        {
            _ = JsonSchema.FromText(schema.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            problem($"parameters is not a valid JSON Schema ({ex.Message})");
            return arguments;
        }

        if (schema.ValueKind != JsonValueKind.Object ||
            !schema.TryGetProperty("type", out var type) || type.GetString() != "object" ||
            !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            problem("parameters must be an object schema with properties");
            return arguments;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (!CatalogValidator.IdPattern().IsMatch(property.Name))
            {
                problem($"argument {property.Name} is not snake_case");
            }

            if (!property.Value.TryGetProperty("description", out _))
            {
                problem($"argument {property.Name} needs a description for the model");
            }

            arguments[property.Name] = property.Value;
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!).Where(n => !arguments.ContainsKey(n)))
            {
                problem($"required argument {name} is not among the properties");
            }
        }

        if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
        {
            problem("parameters must set additionalProperties to false");
        }

        return arguments;
    }

    internal static IEnumerable<string> JsonStrings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => JsonStrings(p.Value)),
        JsonArray array => array.SelectMany(JsonStrings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
