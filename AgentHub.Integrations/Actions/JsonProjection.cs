using System.Text.Json.Nodes;

namespace AgentHub.Integrations.Actions;

/// <summary>
/// Keeps only the listed paths of a provider's answer (`data[].id`, `[].date`, `ticket.subject`), in their original
/// shape, then shortens arrays from the end until the result fits its size cap.
/// </summary>
public static class JsonProjection
{
    public const string TruncatedMarker = "_truncated";

    public static JsonNode? Keep(JsonNode? source, IReadOnlyList<string> paths)
    {
        var split = paths.Select(Segments).ToList();
        return Project(source, split);
    }

    /// <summary>Serializes <paramref name="node"/> within <paramref name="maxChars"/>, dropping array items from the longest array first.</summary>
    public static string Fit(JsonNode? node, int maxChars)
    {
        var json = node?.ToJsonString() ?? "null";
        var truncated = false;
        while (json.Length > maxChars && LongestArray(node) is { Count: > 1 } array)
        {
            // Halve the longest array (fast on big answers), then one more pass re-measures.
            var keep = Math.Max(1, array.Count / 2);
            while (array.Count > keep)
            {
                array.RemoveAt(array.Count - 1);
            }

            truncated = true;
            json = node!.ToJsonString();
        }

        if (truncated && node is JsonObject obj)
        {
            obj[TruncatedMarker] = true;
            json = obj.ToJsonString();
        }
        else if (truncated && node is JsonArray)
        {
            json = new JsonObject { ["items"] = node.DeepClone(), [TruncatedMarker] = true }.ToJsonString();
        }

        return json.Length <= maxChars ? json : json[..maxChars] + "…";
    }

    private static string[] Segments(string path) =>
        path.Split('.').SelectMany(s => s.EndsWith("[]", StringComparison.Ordinal) && s.Length > 2 ? [s[..^2], "[]"] : new[] { s }).ToArray();

    private static JsonNode? Project(JsonNode? source, IReadOnlyList<string[]> paths)
    {
        if (source is null || paths.Any(p => p.Length == 0))
        {
            return source?.DeepClone();
        }

        if (source is JsonArray array)
        {
            var rests = paths.Where(p => p[0] == "[]").Select(p => p[1..]).ToList();
            return rests.Count == 0 ? null : new JsonArray(array.Select(item => Project(item, rests)).ToArray());
        }

        if (source is not JsonObject obj)
        {
            return null;
        }

        var result = new JsonObject();
        foreach (var group in paths.Where(p => p[0] != "[]").GroupBy(p => p[0]))
        {
            if (obj.TryGetPropertyValue(group.Key, out var value) && Project(value, group.Select(p => p[1..]).ToList()) is { } kept)
            {
                result[group.Key] = kept;
            }
            else if (value is null && obj.ContainsKey(group.Key))
            {
                result[group.Key] = null;
            }
        }

        return result;
    }

    private static JsonArray? LongestArray(JsonNode? node)
    {
        JsonArray? best = null;
        void Visit(JsonNode? n)
        {
            switch (n)
            {
                case JsonArray a:
                    if (best is null || a.Count > best.Count)
                    {
                        best = a;
                    }

                    foreach (var item in a)
                    {
                        Visit(item);
                    }

                    break;
                case JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Visit(value);
                    }

                    break;
            }
        }

        Visit(node);
        return best;
    }
}
