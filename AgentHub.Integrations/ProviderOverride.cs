namespace AgentHub.Integrations;

/// <summary>An operator's redirection of one provider (a sandbox, a test double): scheme, host, port and optional path prefix.</summary>
public sealed class ProviderOverride
{
    public string? BaseUrl { get; set; }
}
