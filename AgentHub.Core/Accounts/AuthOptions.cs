namespace AgentHub.Core.Accounts;

/// <summary>The `Auth` configuration section.</summary>
public sealed class AuthOptions
{
    /// <summary>False for a private install: only invited people (and the bootstrap admin) get accounts.</summary>
    public bool AllowRegistration { get; set; } = true;

    /// <summary>An owner account created at startup when it does not exist yet (for installs with registration off).</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();
}
