using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>What to ask of which agent (`POST /api/tasks`).</summary>
public sealed record CreateTaskRequest(
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("agent_id")] string? AgentId);
