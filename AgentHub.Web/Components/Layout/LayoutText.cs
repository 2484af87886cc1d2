namespace AgentHub.Web.Components.Layout;

/// <summary>The texts of the app bar, the account menu and the drawer, in LayoutText.resx and LayoutText.fr.resx.</summary>
public sealed class LayoutText;
