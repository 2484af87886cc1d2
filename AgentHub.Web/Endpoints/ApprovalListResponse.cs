using AgentHub.Core.Tasks;

namespace AgentHub.Web.Endpoints;

public sealed record ApprovalListResponse(IReadOnlyList<ApprovalView> Approvals);
