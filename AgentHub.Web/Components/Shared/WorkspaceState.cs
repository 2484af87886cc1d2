using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// The signed-in user's workspace as one circuit sees it: the actor and every agent's integrations, loaded once
/// (two SQL commands) and reloaded once per change of the workspace, then shared by the drawer and the page.
/// One instance per circuit; a burst of changes coalesces into one reload.
/// </summary>
public sealed class WorkspaceState(IntegrationService service, IntegrationActions actions, ConnectionEvents events) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task? _initial;
    private int _pendingReloads;
    private bool _subscribed;

    public WorkspaceActor? Actor { get; private set; }
    public IReadOnlyList<AgentIntegrationsView> Agents { get; private set; } = [];
    public bool Failed { get; private set; }

    /// <summary>Raised (on a thread-pool thread) after the state was reloaded for a change.</summary>
    public event Func<Task>? Changed;

    public Task EnsureLoadedAsync()
    {
        if (!_subscribed)
        {
            _subscribed = true;
            events.Changed += OnConnectionChanged;
        }

        return _initial ??= LoadAsync();
    }

    public AgentIntegrationsView? FindAgent(string agentId) => Agents.FirstOrDefault(a => a.AgentId == agentId);

    private async Task LoadAsync()
    {
        var loaded = await actions.RunAsync(async actor =>
        {
            var agents = await service.ListAsync(actor);
            Actor = actor;
            Agents = agents;
            return true;
        });
        Failed = !loaded;
    }

    private void OnConnectionChanged(ConnectionChanged change)
    {
        if (change.WorkspaceId != Actor?.WorkspaceId || Interlocked.Increment(ref _pendingReloads) > 1)
        {
            return; // another reload is already queued and will see this change too
        }

        _ = Task.Run(async () =>
        {
            await _gate.WaitAsync();
            try
            {
                Interlocked.Exchange(ref _pendingReloads, 0);
                await LoadAsync();
            }
            finally
            {
                _gate.Release();
            }

            if (Changed is { } handlers)
            {
                foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
                {
                    await handler();
                }
            }
        });
    }

    public void Dispose()
    {
        events.Changed -= OnConnectionChanged;
        _gate.Dispose();
    }
}
