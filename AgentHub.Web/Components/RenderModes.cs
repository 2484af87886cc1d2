using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace AgentHub.Web.Components;

/// <summary>
/// How the app renders. The layout (app bar, drawer, account menu) is static server-rendered HTML, rendered once per
/// page load; each workspace page is an interactive island (Blazor Server) inside it, without prerendering, so that it
/// loads its data once, in its circuit. See docs/decisions/0005-static-shell.md.
/// </summary>
public static class RenderModes
{
    public static IComponentRenderMode InteractivePage { get; } = new InteractiveServerRenderMode(prerender: false);
}
