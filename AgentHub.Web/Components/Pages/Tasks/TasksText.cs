namespace AgentHub.Web.Components.Pages.Tasks;

/// <summary>The texts of the "Ask" panel, the task page, the inbox and the approval cards, in TasksText.resx and TasksText.fr.resx.</summary>
public sealed class TasksText;
