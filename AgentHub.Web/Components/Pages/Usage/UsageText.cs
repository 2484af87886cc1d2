namespace AgentHub.Web.Components.Pages.Usage;

/// <summary>The texts of the usage page and the budget banner, in UsageText.resx and UsageText.fr.resx.</summary>
public sealed class UsageText;
