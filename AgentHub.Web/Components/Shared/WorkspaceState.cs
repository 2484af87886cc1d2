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

    /// <summary>
    /// Reads the user's membership again (from the membership cache, which a role change evicts), so that a page
    /// opened after a demotion reads with the new role even though this circuit loaded the old one. False when the
    /// session is no longer valid.
    /// </summary>
    public async Task<bool> RefreshActorAsync()
    {
        var actor = await actions.RunAsync(a => Task.FromResult<WorkspaceActor?>(a));
        if (actor is null)
        {
            return false;
        }

        Actor = actor;
        return true;
    }

    /// <summary>
    /// Applies a change this circuit made itself (a test, a save) at once, for every agent sharing the provider, so
    /// the user's own tab does not wait behind the reload every open tab makes for the same change.
    /// </summary>
    public async Task ApplyAsync(IntegrationView changed)
    {
        Agents = Agents.Select(agent => agent with
        {
            Integrations = agent.Integrations.Select(i => i.Id != changed.Id ? i : i with
            {
                Status = changed.Status,
                IsConfigured = changed.IsConfigured,
                StatusReason = changed.StatusReason,
                StatusMessage = changed.StatusMessage,
                ProviderMessage = changed.ProviderMessage,
                LastTestedAt = changed.LastTestedAt,
                LastConnectedAt = changed.LastConnectedAt,
                UpdatedAt = changed.UpdatedAt,
                RequiredCredentials = changed.RequiredCredentials,
                Version = changed.Version,
            }).ToList(),
        }).ToList();
        await RaiseChangedAsync();
    }

    private async Task RaiseChangedAsync()
    {
        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }

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

            await RaiseChangedAsync();
        });
    }

    public void Dispose()
    {
        events.Changed -= OnConnectionChanged;
        _gate.Dispose();
    }
}
