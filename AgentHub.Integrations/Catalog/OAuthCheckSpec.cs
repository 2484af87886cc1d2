namespace AgentHub.Integrations.Catalog;

/// <summary>Overrides of the check for an OAuth connection; anything not given is the credential check's.</summary>
public sealed record OAuthCheckSpec
{
    public string? Url { get; init; }
    public AuthSpec? Auth { get; init; }
    public IReadOnlyDictionary<string, DeriveSpec>? Derive { get; init; }
}
