namespace AgentHub.Core.OAuth;

/// <summary>What a token endpoint answered, already read: tokens on success, the kind of failure otherwise.</summary>
public sealed record OAuthTokenResult
{
    public required OAuthTokenOutcome Outcome { get; init; }
    public string? AccessToken { get; init; }

    /// <summary>The refresh token the provider issued (null: none, or not rotated on a refresh).</summary>
    public string? RefreshToken { get; init; }

    public TimeSpan? ExpiresIn { get; init; }

    /// <summary>Values kept from the token response and the metadata call (Salesforce instance_url, Mailchimp dc).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The provider's error code and description (never a token), for messages and logs.</summary>
    public string? Error { get; init; }
    public string? ErrorDescription { get; init; }

    public static OAuthTokenResult Failed(OAuthTokenOutcome outcome, string? error, string? description = null) =>
        new() { Outcome = outcome, Error = error, ErrorDescription = description };

    public override string ToString() => $"OAuthTokenResult {{ Outcome = {Outcome}, Error = {Error} }}";
}
