using AgentHub.Core.Connections;
using AgentHub.Web.Components.Shared;
using Microsoft.Extensions.Localization;

namespace AgentHub.Web.Components.Pages.Workspace;

/// <summary>An audit entry as people read it, for every audit table (the workspace's and an integration's).</summary>
public static class AuditLabels
{
    /// <summary>The audited action as a sentence ("Sent an approved action"), or its code when it has none.</summary>
    public static string Action(IStringLocalizer<WorkspaceText> text, string action) =>
        text[$"AuditAction_{action}"] is { ResourceNotFound: false } label ? label.Value : action;

    /// <summary>The audited outcome ("Succeeded", or a test's reason), or its code when it has none.</summary>
    public static string Outcome(IStringLocalizer<WorkspaceText> text, IStringLocalizer<SharedText> shared, string outcome) =>
        text[$"AuditOutcome_{outcome}"] is { ResourceNotFound: false } label ? label.Value
        : OutcomeReasons.FromCode(outcome) is { } reason ? StatusPresentation.ReasonLabel(shared, reason)
        : outcome;
}
