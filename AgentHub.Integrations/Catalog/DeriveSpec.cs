namespace AgentHub.Integrations.Catalog;

/// <summary>A value derived from a field: a host picked from a map, a regex capture, or the host of a validated URL.</summary>
public sealed record DeriveSpec
{
    public required string From { get; init; }
    public IReadOnlyDictionary<string, string>? Map { get; init; }
    public string? Regex { get; init; }
    public bool UrlHost { get; init; }

    /// <summary>For url_host from a value that is not a credential field (a token response's api_domain): the allowed host suffixes.</summary>
    public IReadOnlyList<string>? HostSuffixes { get; init; }
    public string? Message { get; init; }
}
