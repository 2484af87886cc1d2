using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Tasks;

/// <summary>
/// A pending approval for a write, whoever asked (a helper's model or an MCP client): the preview an approver reads,
/// the connected account's name, and the connection's credentials version it is pinned to. Not added to the context.
/// </summary>
public static class ApprovalDraft
{
    public static async Task<Approval> NewAsync(
        AgentHubDbContext db, Guid workspaceId, ActionDefinition action, ProviderDefinition provider, JsonObject arguments, DateTime now, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.ProviderId == provider.Id)
            .Select(c => new { c.SettingsJson, c.CredentialsVersion, c.AccountName })
            .SingleOrDefaultAsync(cancellationToken);
        var id = Guid.NewGuid();
        return new Approval
        {
            Id = id,
            WorkspaceId = workspaceId,
            CallId = id.ToString("N"),
            ProviderId = provider.Id,
            ActionName = action.Name,
            Tool = action.ToolName,
            ArgumentsJson = arguments.ToJsonString(),
            Preview = Text.Shorten(ApprovalPreview.Render(action, provider, arguments, connection?.SettingsJson, connection?.AccountName), 1999),
            AccountName = connection?.AccountName,
            // Pinned: approving sends the write only to the account the preview named.
            ConnectionVersion = connection?.CredentialsVersion,
            Status = ApprovalStatus.Pending,
            CreatedAt = now,
        };
    }
}
