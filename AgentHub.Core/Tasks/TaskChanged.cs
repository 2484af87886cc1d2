namespace AgentHub.Core.Tasks;

/// <summary>A task (or one of its approvals) changed; pages showing it reload.</summary>
public sealed record TaskChanged(Guid WorkspaceId, Guid TaskId, string AgentId, AgentTaskStatus Status, bool ApprovalsChanged = false);
