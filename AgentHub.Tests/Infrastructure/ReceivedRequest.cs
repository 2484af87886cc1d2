namespace AgentHub.Tests.Infrastructure;

/// <summary>A request the fake provider received, as it arrived (path without the provider prefix).</summary>
public sealed record ReceivedRequest(
    string ProviderId,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
