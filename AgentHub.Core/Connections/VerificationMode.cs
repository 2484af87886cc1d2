namespace AgentHub.Core.Connections;

/// <summary>An interactive check has one attempt and a 10 s budget; a background check may retry transient failures.</summary>
public enum VerificationMode
{
    Interactive,
    Background,
}
