namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// One request of an action as the provider documents it: what AgentHub must send (method, path, decoded query, JSON
/// or form body) and what the provider answers. A null <see cref="Response"/> means the provider's check endpoint
/// answers it (LinkedIn's userinfo, Intercom's /me).
/// </summary>
public sealed record FakeActionCall(string Method, string Path)
{
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>The exact JSON body (compared as JSON), or null for none.</summary>
    public string? Json { get; init; }

    /// <summary>The exact form body, or null for none.</summary>
    public string? Form { get; init; }

    public string? Response { get; init; }
    public int Status { get; init; } = 200;
    public string ContentType { get; init; } = "application/json";

    /// <summary>Picks this call among calls with the same method and path (SEMrush's report types, Grammarly's scopes).</summary>
    public Func<ReceivedRequest, bool>? Match { get; init; }

    /// <summary>Whether the request carries valid credentials; by default the provider's own rule.</summary>
    public Func<ReceivedRequest, bool>? Authorized { get; init; }
}
