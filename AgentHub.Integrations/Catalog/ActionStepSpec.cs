using System.Text.Json.Nodes;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// One request of an action. `path` goes to the host of the connection's own check (so an OAuth connection's host
/// and a region's host apply); `url` names another host of the same provider, literally or from fields, never from
/// an argument. Query parameters whose placeholders are all missing are left out.
/// </summary>
public sealed record ActionStepSpec
{
    public required CheckMethod Method { get; init; }
    public string? Path { get; init; }
    public string? Url { get; init; }
    public IReadOnlyDictionary<string, string>? Query { get; init; }

    /// <summary>A JSON body template: a string that is exactly `{name}` takes the value with its JSON type, or is left out when missing.</summary>
    public JsonNode? Json { get; init; }

    public IReadOnlyDictionary<string, string>? Form { get; init; }

    /// <summary>Replaces the check's auth for this step (a token captured from an earlier step).</summary>
    public AuthSpec? Auth { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Values taken from this step's JSON answer for later steps: name to path (`id`, `data.access_token`).</summary>
    public IReadOnlyDictionary<string, string>? Capture { get; init; }
}
