namespace AgentHub.Core.Audit;

/// <summary>An audit entry as the API and pages show it.</summary>
public sealed record AuditEntryView(
    DateTime At,
    string UserId,
    string UserName,
    string Action,
    string? ProviderId,
    string? AgentId,
    IReadOnlyList<string> Fields,
    string Outcome,
    string? Detail);
