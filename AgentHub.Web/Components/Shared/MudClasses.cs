namespace AgentHub.Web.Components.Shared;

/// <summary>
/// MudBlazor's CSS classes for plain elements on the hottest pages: the look of a MudBlazor component without its
/// per-circuit component state (see docs/decisions/0005).
/// </summary>
public static class MudClasses
{
    /// <summary>MudButton's classes for a button of this variant, colour and size.</summary>
    public static string Button(string variant, string color, string size = "small") =>
        $"mud-button-root mud-button mud-button-{variant} mud-button-{variant}-{color} mud-button-{variant}-size-{size} mud-ripple";
}
