using System.Reflection;
using AgentHub.Core.Workspaces;
using AgentHub.Web.Infrastructure;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// The signed-in caller as a handler parameter: the <see cref="WorkspaceActor"/> every Core call is scoped by, resolved
/// from the principal (and a `workspace_id` route value, when the resource is addressed by workspace). A workspace
/// that is not the caller's own fails binding with the same 404 as one that does not exist.
/// </summary>
public sealed record Caller(WorkspaceActor Actor)
{
    public static async ValueTask<Caller?> BindAsync(HttpContext http, ParameterInfo parameter) =>
        new(await http.RequestServices.GetRequiredService<ActorResolver>().ResolveAsync(http, http.RequestAborted));
}
