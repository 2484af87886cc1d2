using MudBlazor;

namespace AgentHub.Web.Components.Layout;

/// <summary>AgentHub's MudBlazor theme: one palette, light and dark.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#594AE2", AppbarBackground = "#594AE2", Background = "#F7F7FB" },
        PaletteDark = new PaletteDark { Primary = "#8B80F9", AppbarBackground = "#1E1E2D" },
    };
}
