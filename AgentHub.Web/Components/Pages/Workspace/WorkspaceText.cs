namespace AgentHub.Web.Components.Pages.Workspace;

/// <summary>
/// The texts of the workspace page (members, roles, invitations, OAuth apps) and of the audit trail (a sentence per
/// audited action and outcome, also used by an integration's page), in WorkspaceText.resx and WorkspaceText.fr.resx.
/// </summary>
public sealed class WorkspaceText;
