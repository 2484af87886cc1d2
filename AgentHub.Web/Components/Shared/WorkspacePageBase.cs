using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Components;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// A page of the signed-in user's workspace: loads its data once (no prerender, so once), shows a designed loading
/// and error state, and reloads when any connection of the workspace changes (another tab, the API, a re-test).
/// </summary>
public abstract class WorkspacePageBase : ComponentBase, IDisposable
{
    [Inject] protected IntegrationActions Actions { get; set; } = default!;
    [Inject] protected IntegrationService Integrations { get; set; } = default!;
    [Inject] private ConnectionEvents Events { get; set; } = default!;

    protected WorkspaceActor? Actor { get; private set; }
    protected bool Loading { get; private set; } = true;
    protected string? LoadError { get; private set; }
    protected bool CanManage => Actor?.CanManageIntegrations == true;

    protected override async Task OnInitializedAsync()
    {
        Events.Changed += OnConnectionChanged;
        await ReloadAsync();
    }

    /// <summary>Loads what the page shows, for <see cref="Actor"/>.</summary>
    protected abstract Task LoadAsync(WorkspaceActor actor);

    protected async Task ReloadAsync()
    {
        var loaded = await Actions.RunAsync(async actor =>
        {
            Actor = actor;
            await LoadAsync(actor);
            return true;
        });
        LoadError = loaded ? null : "This page could not be loaded. Reload to try again.";
        Loading = false;
    }

    private void OnConnectionChanged(ConnectionChanged change)
    {
        if (change.WorkspaceId == Actor?.WorkspaceId)
        {
            _ = InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
    }

    public void Dispose()
    {
        Events.Changed -= OnConnectionChanged;
        GC.SuppressFinalize(this);
    }
}
