using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>Audit entries, newest first.</summary>
public sealed record AuditListResponse(IReadOnlyList<AuditEntryView> Entries);
