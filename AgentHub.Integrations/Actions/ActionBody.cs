using System.Text.Json.Nodes;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Integrations.Actions;

/// <summary>
/// Renders an action's JSON body template in one pass: a string that is exactly `{name}` takes the argument's JSON
/// value (number, boolean, array) or disappears when there is none; other strings are filled as text.
/// </summary>
public static class ActionBody
{
    public static JsonNode? Render(JsonNode? template, JsonObject arguments, IReadOnlyDictionary<string, string> values) => template switch
    {
        JsonObject obj => RenderObject(obj, arguments, values),
        JsonArray array => new JsonArray(array.Select(item => Render(item, arguments, values)).Where(n => n is not null).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => RenderString(text, arguments, values),
        _ => template?.DeepClone(),
    };

    private static JsonObject RenderObject(JsonObject template, JsonObject arguments, IReadOnlyDictionary<string, string> values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in template)
        {
            if (Render(value, arguments, values) is { } rendered)
            {
                result[name] = rendered;
            }
        }

        return result;
    }

    private static JsonNode? RenderString(string text, JsonObject arguments, IReadOnlyDictionary<string, string> values)
    {
        var match = CatalogTemplates.PlaceholderPattern().Match(text);
        if (match.Success && match.Length == text.Length)
        {
            var name = match.Groups[1].Value;
            if (arguments.TryGetPropertyValue(name, out var argument))
            {
                return argument?.DeepClone();
            }

            return values.TryGetValue(name, out var value) && value.Length > 0 ? JsonValue.Create(value) : null;
        }

        return JsonValue.Create(CatalogTemplates.Render(text, name => Lookup(name, arguments, values)));
    }

    /// <summary>An argument or value as text (a number in invariant form, a boolean in lower case); null when missing.</summary>
    public static string? Lookup(string name, JsonObject arguments, IReadOnlyDictionary<string, string> values)
    {
        if (arguments.TryGetPropertyValue(name, out var argument) && argument is not null)
        {
            return argument is JsonValue v && v.TryGetValue<string>(out var s) ? s : argument.ToJsonString();
        }

        return values.GetValueOrDefault(name);
    }
}
