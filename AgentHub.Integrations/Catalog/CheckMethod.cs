using System.Text.Json.Serialization;

namespace AgentHub.Integrations.Catalog;

/// <summary>The HTTP method of a check (catalog `check.method`, written as HTTP writes it).</summary>
public enum CheckMethod
{
    [JsonStringEnumMemberName("GET")]
    Get,

    [JsonStringEnumMemberName("POST")]
    Post,

    [JsonStringEnumMemberName("PUT")]
    Put,

    [JsonStringEnumMemberName("PATCH")]
    Patch,
}
