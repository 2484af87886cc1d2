using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>
/// The outside event that started a task (a webhook delivery): which provider sent it, its type and the id it is about.
/// It reaches the model as data in a block of its own, which the system prompt marks as untrusted; never as part of
/// the owner's instruction.
/// </summary>
public sealed record TaskTrigger(
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("event_type")] string? EventType,
    [property: JsonPropertyName("id")] string? Id)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static TaskTrigger? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TaskTrigger>(json);
}
