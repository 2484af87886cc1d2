namespace AgentHub.Web.Infrastructure;

/// <summary>The `RateLimits` configuration section: per-user connection tests and tasks, per-client sign-in and registration.</summary>
public sealed class RateLimitOptions
{
    public WindowLimit ConnectionTests { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    /// <summary>Tasks a user may give per window: each one spends model tokens and provider quota.</summary>
    public WindowLimit Tasks { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };
    public WindowLimit Auth { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}
