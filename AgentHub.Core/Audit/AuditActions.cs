namespace AgentHub.Core.Audit;

/// <summary>The audited actions.</summary>
public static class AuditActions
{
    public const string Configure = "configure";
    public const string Connect = "connect";
    public const string Disconnect = "disconnect";
    public const string Invite = "invite";
    public const string JoinWorkspace = "join";
    public const string ChangeRole = "change_role";
    public const string UpdateWorkspace = "update_workspace";
    public const string Authorize = "authorize";
    public const string RefreshTokens = "refresh_tokens";
    public const string SetOAuthApp = "set_oauth_app";
    public const string RemoveOAuthApp = "remove_oauth_app";
    public const string CreateTask = "create_task";
    public const string CancelTask = "cancel_task";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string ExecuteAction = "execute_action";
    public const string SetWebhookSecrets = "set_webhook_secrets";
    public const string RotateWebhookKey = "rotate_webhook_key";
    public const string ReplayWebhook = "replay_webhook";
    public const string SaveWebhookRule = "save_webhook_rule";
    public const string DeleteWebhookRule = "delete_webhook_rule";
    public const string UpdateBrain = "update_brain";
    public const string AddBrainSource = "add_brain_source";
    public const string DeleteBrainSource = "delete_brain_source";
    public const string ResyncBrainSource = "resync_brain_source";
    public const string SaveSchedule = "save_schedule";
    public const string DeleteSchedule = "delete_schedule";
    public const string RunSchedule = "run_schedule";
    public const string SetApprovalPolicy = "set_approval_policy";
    public const string CreateAccessToken = "create_access_token";
    public const string RevokeAccessToken = "revoke_access_token";
    public const string StartConversation = "start_conversation";
    public const string PostMessage = "post_message";
    public const string DeleteConversation = "delete_conversation";
    public const string McpCall = "mcp_call";
    public const string SetBudget = "set_budget";
    public const string ReadUsage = "read_usage";
    public const string BudgetThreshold = "budget_threshold";
    public const string SaveMcpServer = "save_mcp_server";
    public const string DeleteMcpServer = "delete_mcp_server";
}
