namespace AgentHub.Integrations;

/// <summary>
/// An operator's settings for one provider: a redirection (a sandbox, a test double: scheme, host, port and optional path
/// prefix, for every URL of the provider) and the operator's OAuth app.
/// </summary>
public sealed class ProviderOverride
{
    public string? BaseUrl { get; set; }

    /// <summary>The operator's OAuth app for the provider (a workspace's own app wins over it).</summary>
    public OperatorOAuthApp? OAuth { get; set; }
}
