using AgentHub.Core.Workspaces;

namespace AgentHub.Web.Infrastructure;

/// <summary>Who the current request or circuit acts as; every Core service call is scoped by it.</summary>
public interface IActorAccessor
{
    ValueTask<WorkspaceActor> GetActorAsync(CancellationToken cancellationToken = default);
}

/// <summary>Until accounts exist, every caller acts as the owner of the default workspace.</summary>
internal sealed class DefaultWorkspaceActorAccessor : IActorAccessor
{
    private static readonly WorkspaceActor Owner = new(Workspace.DefaultId, "system", "Owner", WorkspaceRole.Owner);

    public ValueTask<WorkspaceActor> GetActorAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Owner);
}
