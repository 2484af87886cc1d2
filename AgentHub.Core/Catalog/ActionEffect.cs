namespace AgentHub.Core.Catalog;

/// <summary>Whether an action only reads from the provider or changes something there (a write waits for approval).</summary>
public enum ActionEffect
{
    Read,
    Write,
}
