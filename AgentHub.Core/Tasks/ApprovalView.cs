using System.Text.Json;

namespace AgentHub.Core.Tasks;

/// <summary>
/// An approval as the inbox and the API show it: the tool, the provider, the arguments, the preview, and the connected
/// account's name when the provider gave one (what an approver reads instead of an id).
/// </summary>
public sealed record ApprovalView(
    Guid Id,
    Guid? TaskId,
    string? AgentId,
    string Tool,
    string ProviderId,
    string ProviderName,
    JsonElement Arguments,
    string Preview,
    ApprovalStatus Status,
    DateTime CreatedAt,
    DateTime? DecidedAt,
    string? DecidedBy,
    string? Reason,
    string? Result,
    DateTime? ExecutedAt,
    string? AccountName,
    string? RequestedBy = null)
{
    public static ApprovalView From(Approval approval, string providerName, string? decidedBy = null) =>
        new(approval.Id, approval.TaskId, approval.AgentId, approval.Tool, approval.ProviderId, providerName,
            JsonDocument.Parse(approval.ArgumentsJson).RootElement.Clone(), approval.Preview, approval.Status, approval.CreatedAt,
            approval.DecidedAt, decidedBy ?? approval.DecidedBy, approval.Reason, approval.Result, approval.ExecutedAt, approval.AccountName, approval.RequestedBy);
}
