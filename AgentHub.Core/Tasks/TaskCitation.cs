using System.Text.Json;

namespace AgentHub.Core.Tasks;

/// <summary>A Brain source a task's search returned: which source, its title, and where in it.</summary>
public sealed record TaskCitation(Guid SourceId, string Title, string Location)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Describe() => Location.Length > 0 ? $"{Title} ({Location})" : Title;

    public static string ToJson(IReadOnlyList<TaskCitation> citations) => JsonSerializer.Serialize(citations, Json);

    public static IReadOnlyList<TaskCitation> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<TaskCitation>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
