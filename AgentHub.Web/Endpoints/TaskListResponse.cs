using AgentHub.Core.Tasks;

namespace AgentHub.Web.Endpoints;

public sealed record TaskListResponse(IReadOnlyList<TaskView> Tasks);
