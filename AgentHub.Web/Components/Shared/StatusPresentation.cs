using AgentHub.Core.Connections;
using MudBlazor;

namespace AgentHub.Web.Components.Shared;

/// <summary>How each connection status looks everywhere: colour, icon and label.</summary>
public static class StatusPresentation
{
    public static Color ColorOf(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => Color.Success,
        ConnectionStatus.Pending => Color.Warning,
        ConnectionStatus.Error => Color.Error,
        _ => Color.Default,
    };

    public static string IconOf(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => Icons.Material.Filled.CheckCircle,
        ConnectionStatus.Pending => Icons.Material.Filled.HourglassTop,
        ConnectionStatus.Error => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.LinkOff,
    };

    public static string LabelOf(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => "Connected",
        ConnectionStatus.Pending => "Pending",
        ConnectionStatus.Error => "Error",
        _ => "Disconnected",
    };

    /// <summary>The sentence shown in the status tooltip.</summary>
    public static string SentenceOf(ConnectionStatus status, string? message) => status switch
    {
        ConnectionStatus.Disconnected => "Not connected. Configure the credentials to connect.",
        _ when !string.IsNullOrEmpty(message) => message,
        ConnectionStatus.Pending => "Saved but not tested yet.",
        _ => LabelOf(status),
    };

    public static string ReasonLabel(OutcomeReason reason) => reason switch
    {
        OutcomeReason.Ok => "OK",
        OutcomeReason.AuthInvalid => "Credentials rejected",
        OutcomeReason.PermissionMissing => "Permission missing",
        OutcomeReason.RateLimited => "Rate limited",
        OutcomeReason.ProviderError => "Provider error",
        OutcomeReason.Unreachable => "Unreachable",
        OutcomeReason.InvalidInput => "Invalid input",
        OutcomeReason.ReauthorizationRequired => "Reauthorization required",
        _ => reason.ToString(),
    };

    public static string Ago(DateTime? at, DateTime now)
    {
        if (at is not { } value)
        {
            return "never";
        }

        var span = now - value;
        return span.TotalSeconds < 45 ? "just now"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h ago"
            : $"{(int)span.TotalDays} d ago";
    }
}
