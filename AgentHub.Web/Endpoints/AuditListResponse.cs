using AgentHub.Core.Audit;

namespace AgentHub.Web.Endpoints;

/// <summary>Audit entries, newest first.</summary>
public sealed record AuditListResponse(IReadOnlyList<AuditEntryView> Entries);
