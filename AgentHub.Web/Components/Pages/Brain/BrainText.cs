namespace AgentHub.Web.Components.Pages.Brain;

/// <summary>The texts of the Brain page (the profile, sources, adding one, search), in BrainText.resx and BrainText.fr.resx.</summary>
public sealed class BrainText;
