using AgentHub.Core.Workspaces;

namespace AgentHub.Web.Endpoints;

public sealed record InvitationCreated(string Email, WorkspaceRole Role, string Link);
