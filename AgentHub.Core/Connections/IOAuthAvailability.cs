namespace AgentHub.Core.Connections;

/// <summary>Which providers can be connected with OAuth in a workspace (an app of its own or the operator's): implemented by OAuth.</summary>
public interface IOAuthAvailability
{
    /// <param name="workspaceApps">The providers for which the workspace registered its own app.</param>
    IReadOnlySet<string> AvailableProviders(IReadOnlySet<string> workspaceApps);
}
