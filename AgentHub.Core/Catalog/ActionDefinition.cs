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

    /// <summary>What people read ("Publish on Instagram"), in the reader's language.</summary>
    public required string Title { get; init; }

    /// <summary>The argument that is an image URL, shown as the image itself to an approver.</summary>
    public string? ImageArgument { get; init; }

    /// <summary>A link to what a write created: `{result.path}` placeholders of its result and non-secret `{field}`s.</summary>
    public string? ResultLink { get; init; }

    /// <summary>The JSON Schema (an object schema) of the arguments; the model sees it, and every call is checked against it.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>
    /// A write that sends something to people or removes something (a post, a reply, an email), not only additive:
    /// MCP clients read it as the tool's `destructiveHint`.
    /// </summary>
    public bool Destructive { get; init; }

    /// <summary>How long a read's answer may be served again for the same arguments; null: never cached.</summary>
    public TimeSpan? CacheTtl { get; init; }

    /// <summary>
    /// For a write: the sentence an approver reads, with `{argument}`, non-secret `{field}` and `{account}` (the account's
    /// name from the connection's last successful check) placeholders.
    /// </summary>
    public string? Preview { get; init; }

    /// <summary>The tool name the model calls: `{provider_id}_{action}`.</summary>
    public string ToolName => $"{ProviderId}_{Name}";
}
