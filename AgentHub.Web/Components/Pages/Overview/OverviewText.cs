namespace AgentHub.Web.Components.Pages.Overview;

/// <summary>The texts of the admin overview (counts, filters, table, matrix), in OverviewText.resx and OverviewText.fr.resx.</summary>
public sealed class OverviewText;
