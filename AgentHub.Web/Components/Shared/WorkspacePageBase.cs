using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace AgentHub.Web.Components.Shared;

/// <summary>
/// A page (or the drawer) of the signed-in user's workspace. The workspace's agents and integrations come from the
/// circuit's <see cref="WorkspaceState"/>, loaded once and shared; a page loads only what is its own on top. Pages
/// re-render when any connection of the workspace changes (another tab, the API, a re-test).
/// </summary>
public abstract class WorkspacePageBase : ComponentBase, IDisposable
{
    [Inject] protected IntegrationActions Actions { get; set; } = default!;
    [Inject] protected UiActionRunner Ui { get; set; } = default!;
    [Inject] protected IntegrationService Integrations { get; set; } = default!;
    [Inject] protected WorkspaceState State { get; set; } = default!;

    /// <summary>The shared texts, for the load error (private: pages inject their own localizers under their own names).</summary>
    [Inject] private IStringLocalizer<SharedText> SharedTexts { get; set; } = default!;

    protected WorkspaceActor? Actor => State.Actor;
    protected bool Loading { get; private set; } = true;
    protected string? LoadError { get; private set; }
    protected bool CanManage => Actor?.CanManageIntegrations == true;

    /// <summary>The circuit's clock, read at render (brought up to date by the state's tick).</summary>
    protected DateTime Now => State.Now;

    /// <summary>
    /// The route values the page's own data depends on: when they change on the same page instance (a link from one
    /// integration to another), the page loads again.
    /// </summary>
    protected virtual object? LoadKey => null;

    private object? _loadedKey;
    private bool _loadedOnce;

    protected override async Task OnInitializedAsync()
    {
        State.Changed += OnStateChanged;
        State.Ticked += OnTicked;
        await State.EnsureLoadedAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var key = LoadKey;
        if (_loadedOnce && Equals(key, _loadedKey))
        {
            return;
        }

        _loadedOnce = true;
        _loadedKey = key;
        await ReloadAsync();
    }

    /// <summary>Derives (or loads, beyond <see cref="State"/>) what the page shows.</summary>
    protected abstract Task LoadAsync(WorkspaceActor actor);

    protected async Task ReloadAsync()
    {
        // Every load reads with the user's current role: a demotion applies to the next page opened in this circuit.
        if (State.Failed || !await State.RefreshActorAsync() || Actor is not { } actor)
        {
            LoadError = SharedTexts["PageLoadError"].Value;
            Loading = false;
            return;
        }

        var loaded = await Ui.RunAsync(async _ =>
        {
            await LoadAsync(actor);
            return true;
        }, actor);
        LoadError = loaded ? null : SharedTexts["PageLoadError"].Value;
        Loading = false;
    }

    private Task OnStateChanged() => InvokeAsync(async () =>
    {
        await ReloadAsync();
        StateHasChanged();
    });

    /// <summary>Renders again so that relative times stay true; nothing is reloaded.</summary>
    private Task OnTicked() => InvokeAsync(StateHasChanged);

    /// <summary>A page's own clean-up (unsubscribing from events it listens to), when the page goes away.</summary>
    protected virtual void OnDisposing()
    {
    }

    public void Dispose()
    {
        OnDisposing();
        State.Changed -= OnStateChanged;
        State.Ticked -= OnTicked;
        GC.SuppressFinalize(this);
    }
}
