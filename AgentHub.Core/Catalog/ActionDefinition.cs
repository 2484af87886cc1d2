using System.Text.Json;

namespace AgentHub.Core.Catalog;

/// <summary>
/// A typed action an agent may take with one provider's connection (catalog `actions`): what the model is told, what
/// it may pass, and whether it changes anything. How the action becomes HTTP requests stays in AgentHub.Integrations.
/// </summary>
public sealed record ActionDefinition
{
    public required string ProviderId { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required ActionEffect Effect { get; init; }

    /// <summary>The JSON Schema (an object schema) of the arguments; the model sees it, and every call is checked against it.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>How long a read's answer may be served again for the same arguments; null: never cached.</summary>
    public TimeSpan? CacheTtl { get; init; }

    /// <summary>For a write: the sentence an approver reads, with `{argument}` and non-secret `{field}` placeholders.</summary>
    public string? Preview { get; init; }

    /// <summary>The tool name the model calls: `{provider_id}_{action}`.</summary>
    public string ToolName => $"{ProviderId}_{Name}";
}
