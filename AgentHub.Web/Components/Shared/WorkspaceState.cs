using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;

using AgentHub.Web.Infrastructure.Localization;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// The signed-in user's workspace as one circuit sees it: the actor and every agent's integrations, loaded once
/// (two SQL commands) and reloaded once per change of the workspace, then shared by the drawer and the page.
/// One instance per circuit; a burst of changes coalesces into one reload. It also keeps the circuit's clock: pages
/// read <see cref="Now"/> when they render, and <see cref="Ticked"/> asks them to render again so relative times
/// ("tested 2 minutes ago") stay true.
/// </summary>
public sealed partial class WorkspaceState : IDisposable
{
    /// <summary>How often relative times are brought up to date on open pages.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(30);

    private readonly IntegrationQueries _service;
    private readonly UiActionRunner _ui;
    private readonly ConnectionEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkspaceState> _logger;
    private readonly CircuitCulture _culture;
    // Never disposed: it holds no unmanaged resource until AvailableWaitHandle is read, which nothing here does.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _disposed = new();
    private readonly ITimer _ticker;
    private Task? _initial;
    private int _pendingReloads;
    private bool _subscribed;

    public WorkspaceState(
        IntegrationQueries service, UiActionRunner ui, ConnectionEvents events, TimeProvider time, ILogger<WorkspaceState> logger, CircuitCulture culture)
    {
        _culture = culture;
        _service = service;
        _ui = ui;
        _events = events;
        _time = time;
        _logger = logger;
        _ticker = time.CreateTimer(_ => OnTick(), null, TickInterval, TickInterval);
    }

    public WorkspaceActor? Actor { get; private set; }
    public IReadOnlyList<AgentIntegrationsView> Agents { get; private set; } = [];
    public bool Failed { get; private set; }

    /// <summary>The circuit's notion of now (UTC), for relative times.</summary>
    public DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Raised (on a thread-pool thread) after the state was reloaded for a change.</summary>
    public event Func<Task>? Changed;

    /// <summary>Raised (on a timer thread) every <see cref="TickInterval"/>: render again, nothing was reloaded.</summary>
    public event Func<Task>? Ticked;

    public Task EnsureLoadedAsync()
    {
        if (!_subscribed)
        {
            _subscribed = true;
            _events.Changed += OnConnectionChanged;
        }

        return _initial ??= LoadAsync(_disposed.Token);
    }

    public AgentIntegrationsView? FindAgent(string agentId) => Agents.FirstOrDefault(a => a.AgentId == agentId);

    /// <summary>
    /// Reads the user's membership again (from the membership cache, which a role change evicts), so that a page
    /// opened after a demotion reads with the new role even though this circuit loaded the old one. False when the
    /// session is no longer valid.
    /// </summary>
    public async Task<bool> RefreshActorAsync()
    {
        var actor = await _ui.RunAsync(a => Task.FromResult<WorkspaceActor?>(a));
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
        await RaiseAsync(Changed);
    }

    private static async Task RaiseAsync(Func<Task>? handlers)
    {
        if (handlers is not null)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var loaded = await _ui.RunAsync(async actor =>
        {
            var agents = await _service.ListAsync(actor, cancellationToken);
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

        _ = ReloadInBackgroundAsync(_disposed.Token);
    }

    /// <summary>A reload for another tab's change: never throws into the event source, stops when the circuit ends.</summary>
    private async Task ReloadInBackgroundAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Published by another circuit or a background service: the views are made in this person's language.
            _culture.Apply();
            await Task.Yield();
            await _gate.WaitAsync(cancellationToken);
            try
            {
                Interlocked.Exchange(ref _pendingReloads, 0);
                await LoadAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }

            cancellationToken.ThrowIfCancellationRequested();
            await RaiseAsync(Changed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The circuit ended while the reload was under way.
        }
        catch (Exception ex)
        {
            LogReloadFailed(_logger, ex);
        }
    }

    private void OnTick()
    {
        if (Ticked is null || _disposed.IsCancellationRequested)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RaiseAsync(Ticked);
            }
            catch (Exception ex) when (!_disposed.IsCancellationRequested)
            {
                LogReloadFailed(_logger, ex);
            }
            catch
            {
                // The circuit ended while the pages re-rendered.
            }
        });
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _events.Changed -= OnConnectionChanged;
        _ticker.Dispose();
        // Cancelled, not disposed: a reload still under way reads the token once more before it stops.
        _disposed.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A workspace reload for an open page failed")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
