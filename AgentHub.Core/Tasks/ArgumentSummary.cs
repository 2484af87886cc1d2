using System.Text.Json.Nodes;
using AgentHub.Core.Common;

namespace AgentHub.Core.Tasks;

/// <summary>
/// A tool call's arguments for the timeline: each value shortened, and any argument whose name suggests a secret
/// masked (arguments never carry credentials, which the model never sees; this guards against one typed in a task).
/// </summary>
public static class ArgumentSummary
{
    private static readonly string[] SecretWords = ["token", "secret", "password", "api_key", "apikey", "authorization"];

    public static string Of(JsonObject arguments)
    {
        if (arguments.Count == 0)
        {
            return "no arguments";
        }

        return string.Join(", ", arguments.Select(p =>
        {
            var secret = SecretWords.Any(w => p.Key.Contains(w, StringComparison.OrdinalIgnoreCase));
            var value = p.Value switch
            {
                null => "null",
                JsonValue v when v.TryGetValue<string>(out var s) => $"“{Text.Shorten(s, 80)}”",
                _ => Text.Shorten(p.Value.ToJsonString(), 80),
            };
            return $"{p.Key}: {(secret ? "***" : value)}";
        }));
    }
}
