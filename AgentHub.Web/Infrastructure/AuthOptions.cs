namespace AgentHub.Web.Infrastructure;

/// <summary>The `Auth` configuration section.</summary>
public sealed class AuthOptions
{
    /// <summary>False for a private install: only invited people (and the bootstrap admin) get accounts.</summary>
    public bool AllowRegistration { get; set; } = true;

    /// <summary>An owner account created at startup when it does not exist yet (for installs with registration off).</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}

public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

/// <summary>The `RateLimits` configuration section: per-user connection tests, per-client sign-in and registration.</summary>
public sealed class RateLimitOptions
{
    public WindowLimit ConnectionTests { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    public WindowLimit Auth { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
}

public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}
