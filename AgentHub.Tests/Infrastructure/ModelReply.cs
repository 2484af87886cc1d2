using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentHub.Tests.Infrastructure;

/// <summary>What the fake model answers: text, or tool calls (as the chat-completions API writes them).</summary>
public sealed record ModelReply(string? Text, IReadOnlyList<(string Name, object Arguments)> Calls)
{
    public static ModelReply Say(string text) => new(text, []);

    public static ModelReply Call(string name, object arguments) => new(null, [(name, arguments)]);

    public static ModelReply CallAll(params (string Name, object Arguments)[] calls) => new(null, calls);

    internal JsonObject ToCompletion(Func<string> nextCallId, string model)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = Text };
        if (Calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(Calls.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = nextCallId(),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = JsonSerializer.Serialize(c.Arguments) },
            }).ToArray());
        }

        return new JsonObject
        {
            ["id"] = $"chatcmpl-{Guid.NewGuid():N}",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["finish_reason"] = Calls.Count > 0 ? "tool_calls" : "stop",
            }),
            ["usage"] = Usage(),
        };
    }

    /// <summary>Tokens every fake response reports, as OpenAI documents its `usage` (cached input within the prompt's).</summary>
    public const int PromptTokens = 1200, CompletionTokens = 300, CachedTokens = 200;

    public static JsonObject Usage() => new()
    {
        ["prompt_tokens"] = PromptTokens,
        ["completion_tokens"] = CompletionTokens,
        ["total_tokens"] = PromptTokens + CompletionTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = CachedTokens },
    };
}
