namespace AgentHub.Integrations;

/// <summary>An operator's OAuth app for one provider: Integrations:Providers:{id}:OAuth:ClientId and :ClientSecret.</summary>
public sealed class OperatorOAuthApp
{
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
}
