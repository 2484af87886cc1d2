using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using Json.Schema;

namespace AgentHub.Core.Actions;

/// <summary>
/// Checks a tool call's arguments against the action's JSON Schema (JsonSchema.Net, formats included) and fills in the
/// schema's defaults, so the request, the approval and the cache key all see the same canonical arguments.
/// </summary>
public sealed class ActionArguments
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>The checked arguments with defaults applied, or a sentence saying what is wrong (for the model to correct).</summary>
    public (JsonObject? Arguments, string? Error) Prepare(ActionDefinition action, JsonObject? arguments)
    {
        var candidate = arguments?.DeepClone().AsObject() ?? [];
        // First, what the schema library cannot be trusted with (it throws on an integer such as 1e+300).
        if (Strict(action, candidate) is { Count: > 0 } strict)
        {
            return (null, $"The arguments for {action.ToolName} are not valid: {string.Join("; ", strict.Take(5))}.");
        }

        var schema = _schemas.GetOrAdd(action.ToolName, _ => JsonSchema.FromText(action.Parameters.GetRawText()));
        var results = schema.Evaluate(candidate, Evaluation);
        if (!results.IsValid)
        {
            var problems = results.Details
                .Where(d => d.HasErrors)
                .SelectMany(d => d.Errors!.Select(e => $"{Location(d.InstanceLocation.ToString())}: {e.Value}"))
                .Distinct()
                .Take(5);
            return (null, $"The arguments for {action.ToolName} are not valid: {string.Join("; ", problems)}.");
        }

        if (action.Parameters.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                if (!candidate.ContainsKey(property.Name) && property.Value.TryGetProperty("default", out var fallback))
                {
                    candidate[property.Name] = JsonNode.Parse(fallback.GetRawText());
                }
            }
        }

        return (Canonical(candidate).AsObject(), null);
    }

    /// <summary>
    /// What JSON Schema lets through but a request must not carry: an "integer" such as <c>1e+300</c> that no provider
    /// takes (it must fit in 64 bits, and is rewritten in plain digits), and a pattern matched by .NET's <c>$</c> before
    /// a trailing newline (<c>"123\n"</c>): an anchored pattern must match up to the very end.
    /// </summary>
    private List<string> Strict(ActionDefinition action, JsonObject candidate)
    {
        var problems = new List<string>();
        if (!action.Parameters.TryGetProperty("properties", out var properties))
        {
            return problems;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (candidate[property.Name] is not JsonValue value)
            {
                continue;
            }

            if (property.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "integer")
            {
                if (value.GetValueKind() == JsonValueKind.Number &&
                    decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
                    number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue)
                {
                    candidate[property.Name] = (long)number;
                }
                else
                {
                    problems.Add($"{property.Name}: must be a whole number between {long.MinValue} and {long.MaxValue}");
                }
            }

            if (property.Value.TryGetProperty("type", out var numberType) && numberType.ValueKind == JsonValueKind.String && numberType.GetString() == "number" &&
                !(value.GetValueKind() == JsonValueKind.Number &&
                  decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                problems.Add($"{property.Name}: must be a number between -7.9e28 and 7.9e28");
            }

            if (property.Value.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String &&
                value.GetValueKind() == JsonValueKind.String &&
                !EndAnchoredPattern.Get(pattern.GetString()!).IsMatch(value.GetValue<string>()))
            {
                problems.Add($"{property.Name}: does not match the expected format");
            }
        }

        return problems;
    }

    /// <summary>A stable hash of canonical arguments (keys sorted at every level), for the response cache's key.</summary>
    public static string Fingerprint(JsonObject arguments) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(arguments).ToJsonString())))[..32];

    /// <summary>Arguments parsed from a model's call (JSON elements, strings or numbers), as a JSON object.</summary>
    public static JsonObject FromDictionary(IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var result = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            result[name] = value switch
            {
                null => null,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JsonNode node => node.DeepClone(),
                _ => JsonSerializer.SerializeToNode(value),
            };
        }

        return result;
    }

    private static JsonNode Canonical(JsonNode node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Canonical(p.Value)))),
        JsonArray array => new JsonArray(array.Select(item => item is null ? null : Canonical(item)).ToArray()),
        _ => node.DeepClone(),
    };

    private static string Location(string pointer) => pointer is "" or "#" ? "arguments" : pointer.TrimStart('#', '/');
}
