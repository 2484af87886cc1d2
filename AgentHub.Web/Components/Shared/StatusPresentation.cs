using AgentHub.Core.Connections;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace AgentHub.Web.Components.Shared;

/// <summary>How each connection status looks everywhere: colour, icon and label (in the person's language).</summary>
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

    public static string LabelOf(IStringLocalizer<SharedText> text, ConnectionStatus status) => status switch
    {
        ConnectionStatus.Connected => text["StatusConnected"].Value,
        ConnectionStatus.Pending => text["StatusPending"].Value,
        ConnectionStatus.Error => text["StatusError"].Value,
        _ => text["StatusDisconnected"].Value,
    };

    /// <summary>The sentence shown in the status tooltip.</summary>
    public static string SentenceOf(IStringLocalizer<SharedText> text, ConnectionStatus status, string? message) => status switch
    {
        ConnectionStatus.Disconnected => text["SentenceDisconnected"].Value,
        _ when !string.IsNullOrEmpty(message) => message,
        ConnectionStatus.Pending => text["SentencePending"].Value,
        _ => LabelOf(text, status),
    };

    public static string ReasonLabel(IStringLocalizer<SharedText> text, OutcomeReason reason) => reason switch
    {
        OutcomeReason.Ok => text["ReasonOk"].Value,
        OutcomeReason.AuthInvalid => text["ReasonAuthInvalid"].Value,
        OutcomeReason.PermissionMissing => text["ReasonPermissionMissing"].Value,
        OutcomeReason.RateLimited => text["ReasonRateLimited"].Value,
        OutcomeReason.ProviderError => text["ReasonProviderError"].Value,
        OutcomeReason.Unreachable => text["ReasonUnreachable"].Value,
        OutcomeReason.InvalidInput => text["ReasonInvalidInput"].Value,
        OutcomeReason.ReauthorizationRequired => text["ReasonReauthorizationRequired"].Value,
        _ => text["ReasonOther"].Value,
    };
}
