namespace AgentHub.Core.Accounts;

/// <summary>`Auth:BootstrapAdmin`: the first owner of a private install.</summary>
public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}
