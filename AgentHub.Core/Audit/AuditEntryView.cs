using System.Text.Json.Serialization;
using AgentHub.Core.Common;

namespace AgentHub.Core.Audit;

/// <summary>An audit entry as the API and pages show it.</summary>
public sealed record AuditEntryView(
    DateTime At,
    string UserId,
    string UserName,
    string Action,
    string? ProviderId,
    string? AgentId,
    IReadOnlyList<string> Fields,
    string Outcome,
    string? Detail,
    [property: JsonIgnore] Sentence? DetailSentence = null)
{
    /// <summary>The detail in the reader's language when Core wrote it as a sentence; otherwise as stored.</summary>
    [JsonIgnore]
    public string? DetailText => DetailSentence?.InCurrentLanguage() ?? Detail;
}
