namespace AgentHub.Web.Infrastructure;

/// <summary>The `RateLimits` configuration section: per-user connection tests and tasks, per-address webhook deliveries, per-client sign-in and registration.</summary>
public sealed class RateLimitOptions
{
    public WindowLimit ConnectionTests { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    /// <summary>Tasks a user may give per window: each one spends model tokens and provider quota.</summary>
    public WindowLimit Tasks { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };
    /// <summary>Deliveries per webhook address per window (anonymous; a provider's burst stays well under it).</summary>
    public WindowLimit Webhooks { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };
    /// <summary>Unknown webhook addresses (404s) one client address may try per window: each is a database lookup.</summary>
    public WindowLimit UnknownWebhookKeys { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    /// <summary>MCP requests per access token per window (each tool call may reach a provider).</summary>
    public WindowLimit Mcp { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
    public WindowLimit Auth { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}
