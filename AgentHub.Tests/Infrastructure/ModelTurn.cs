using System.Text.Json.Nodes;

namespace AgentHub.Tests.Infrastructure;

/// <summary>One chat-completions request as the fake model sees it: the conversation so far and the tools offered.</summary>
public sealed record ModelTurn(JsonObject Request)
{
    public JsonArray Messages => Request["messages"]!.AsArray();

    public IReadOnlyList<string> ToolNames =>
        Request["tools"]?.AsArray().Select(t => (string)t!["function"]!["name"]!).ToList() ?? [];

    /// <summary>The tool results in the conversation, in order: (call id, content).</summary>
    public IReadOnlyList<(string CallId, string Content)> ToolResults =>
        Messages.Where(m => (string?)m!["role"] == "tool")
            .Select(m => ((string)m!["tool_call_id"]!, m["content"] is JsonValue v ? (string)v! : m["content"]!.ToJsonString()))
            .ToList();

    /// <summary>The names of the tools the model has called so far.</summary>
    public IReadOnlyList<string> CalledTools =>
        Messages.Where(m => (string?)m!["role"] == "assistant" && m["tool_calls"] is JsonArray)
            .SelectMany(m => m!["tool_calls"]!.AsArray().Select(c => (string)c!["function"]!["name"]!))
            .ToList();

    public string UserText => (string)Messages.First(m => (string?)m!["role"] == "user")!["content"]!;
}
