namespace AgentHub.Integrations.Catalog;

/// <summary>How a check's answer is read (catalog `check.body`).</summary>
public enum CheckBody
{
    Json,
    Text,
}
