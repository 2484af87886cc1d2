using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentHub.Core.Mcp;

/// <summary>
/// An outside MCP server an owner registered for the workspace: its address, an optional header secret (encrypted like
/// credentials), the helpers allowed to use it, and its tools as last listed (refreshed on `list_changed` and hourly).
/// Its tools reach those helpers as `{name}_{tool}`.
/// </summary>
public sealed class RemoteMcpServer
{
    public const int MaxNameLength = 24;
    public const int MaxUrlLength = 2000;
    public const int MaxHeaderNameLength = 64;
    public const int MaxSecretLength = 4096;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }

    /// <summary>Lowercase letters, digits and underscores: the prefix of its tools' names.</summary>
    public required string Name { get; set; }

    public required string Url { get; set; }

    /// <summary>Changes with every save: an approval asked of the server pins it, and is not sent once the server changed.</summary>
    public Guid Version { get; set; }

    /// <summary>The header the secret travels in (`Authorization`, `X-API-Key`); null: no secret.</summary>
    public string? HeaderName { get; set; }

    /// <summary>The header's value, encrypted with Data Protection (purpose bound to the workspace and the server).</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>The helpers that may use its tools, comma-separated agent ids.</summary>
    public string AgentIds { get; set; } = "";

    /// <summary>Its tools as last listed (JSON array of <see cref="RemoteMcpTool"/>); null until listed once.</summary>
    public string? ToolsJson { get; set; }

    public DateTime? ToolsRefreshedAt { get; set; }

    /// <summary>Why the last listing failed (English, no secret), or null.</summary>
    public string? Error { get; set; }

    /// <summary>Set when the server said its tools changed (`notifications/tools/list_changed`): listed again at the next refresh.</summary>
    public bool NeedsRefresh { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> Agents => AgentIds.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<RemoteMcpTool> Tools => string.IsNullOrEmpty(ToolsJson) ? [] : JsonSerializer.Deserialize<List<RemoteMcpTool>>(ToolsJson) ?? [];
}

/// <summary>One tool of an outside MCP server as AgentHub keeps it: a tool without `readOnlyHint: true` is a write.</summary>
public sealed record RemoteMcpTool(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("input_schema")] JsonElement InputSchema,
    [property: JsonPropertyName("read_only")] bool ReadOnly);
