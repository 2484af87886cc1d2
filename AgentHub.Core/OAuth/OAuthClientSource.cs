namespace AgentHub.Core.OAuth;

/// <summary>Where a provider's OAuth app comes from.</summary>
public enum OAuthClientSource
{
    /// <summary>No app: "Connect with X" is unavailable.</summary>
    None,

    /// <summary>The operator's, from Integrations:Providers:{id}:OAuth.</summary>
    Operator,

    /// <summary>The workspace's own, registered by an owner (wins over the operator's).</summary>
    Workspace,
}
