namespace AgentHub.Web.Components.Pages.Integrations;

/// <summary>The texts of an integration's page and its webhooks card, in IntegrationsText.resx and IntegrationsText.fr.resx.</summary>
public sealed class IntegrationsText;
