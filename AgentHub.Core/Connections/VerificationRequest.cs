namespace AgentHub.Core.Connections;

/// <summary>What to verify: the provider, the decrypted values (secrets included; never log them) and why.</summary>
public sealed record VerificationRequest(
    Guid WorkspaceId,
    string ProviderId,
    IReadOnlyDictionary<string, string> Values,
    VerificationMode Mode);
