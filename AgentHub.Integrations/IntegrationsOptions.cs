namespace AgentHub.Integrations;

/// <summary>The `Integrations` configuration section.</summary>
public sealed class IntegrationsOptions
{
    /// <summary>Operator overrides per provider id (`Integrations:Providers:zendesk:BaseUrl`).</summary>
    public Dictionary<string, ProviderOverride> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The whole budget of an interactive connection test (the user pressed a button).</summary>
    public TimeSpan InteractiveTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The budget of a background check, retries included.</summary>
    public TimeSpan BackgroundTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most of a provider's answer AgentHub reads; a verification answer is small, a huge one is cut.</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024;
}
