namespace AgentHub.Web.Infrastructure;

/// <summary>The `RateLimits` configuration section: per-user connection tests, per-client sign-in and registration.</summary>
public sealed class RateLimitOptions
{
    public WindowLimit ConnectionTests { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    public WindowLimit Auth { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}
