namespace AgentHub.Web.Components.Pages.Agents;

/// <summary>The texts of the agents' home page, an agent's page and its integration cards, in AgentsText.resx and AgentsText.fr.resx.</summary>
public sealed class AgentsText;
