namespace AgentHub.Core.Data;

/// <summary>`DataProtection:Certificate`.</summary>
public sealed class KeyRingCertificateOptions
{
    public string? Path { get; set; }
    public string? Password { get; set; }
    public string? Base64 { get; set; }
}
