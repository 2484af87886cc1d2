using MudBlazor;

namespace AgentHub.Web.Components.Layout;

/// <summary>
/// AgentHub's MudBlazor theme: one palette, light and dark. The status colours are darker (light) or lighter (dark)
/// than MudBlazor's defaults so that a chip's text, a badge and a snackbar reach 4.5:1 (WCAG 2.2 AA) on their colour,
/// and the same colour used as text reaches it on the page's background.
/// </summary>
public static class AppTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#594AE2",
            AppbarBackground = "#594AE2",
            Background = "#F7F7FB",
            Success = "#1B5E20",
            Info = "#1565C0",
            Warning = "#A84300",
            Error = "#C62828",
            TextSecondary = "rgba(0,0,0,0.66)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#A59CFF",
            PrimaryContrastText = DarkText,
            AppbarBackground = "#1E1E2D",
            Success = "#81C784",
            SuccessContrastText = DarkText,
            Info = "#90CAF9",
            InfoContrastText = DarkText,
            Warning = "#FFB74D",
            WarningContrastText = DarkText,
            Error = "#EF9A9A",
            ErrorContrastText = DarkText,
            TextSecondary = "rgba(255,255,255,0.72)",
        },
    };
}
