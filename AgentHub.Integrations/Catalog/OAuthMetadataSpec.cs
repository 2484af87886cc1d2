namespace AgentHub.Integrations.Catalog;

/// <summary>A GET after the exchange whose answer's fields become settings.</summary>
public sealed record OAuthMetadataSpec
{
    public required string Url { get; init; }

    /// <summary>The Authorization scheme to send the access token with ("Bearer", Mailchimp's "OAuth").</summary>
    public string Scheme { get; init; } = "Bearer";

    /// <summary>Answer field → setting name.</summary>
    public required IReadOnlyDictionary<string, string> Extract { get; init; }
}
