using System.Text.Json.Serialization;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// A rule on a JSON body. <see cref="Path"/> is dotted; `[]` flattens an array (`accountSummaries[].property`,
/// `[].errorCode` for a root array). With no comparison the value must be present and not null.
/// </summary>
public sealed record BodyRule
{
    public required string Path { get; init; }

    [JsonPropertyName("equals")]
    public string? EqualTo { get; init; }

    public string? Contains { get; init; }
    public string? HasKey { get; init; }
    public bool Array { get; init; }
    public string? Field { get; init; }
    public string? Message { get; init; }
}
