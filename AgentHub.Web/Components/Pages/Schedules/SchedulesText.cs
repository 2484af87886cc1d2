namespace AgentHub.Web.Components.Pages.Schedules;

/// <summary>The texts of the Schedules page, the agent page's schedules card and the policies table, in SchedulesText.resx and SchedulesText.fr.resx.</summary>
public sealed class SchedulesText;
