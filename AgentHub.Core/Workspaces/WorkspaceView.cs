namespace AgentHub.Core.Workspaces;

public sealed record WorkspaceView(
    Guid Id, string Name, string Language, WorkspaceRole YourRole, IReadOnlyList<MemberView> Members, IReadOnlyList<InvitationView> Invitations);
