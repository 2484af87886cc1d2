namespace AgentHub.Core.Connections;

/// <summary>Checks a provider's credentials with a live request. Implemented by AgentHub.Integrations.</summary>
public interface IConnectionVerifier
{
    Task<VerificationOutcome> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken);
}

/// <summary>What to verify: the provider, the decrypted values (secrets included; never log them) and why.</summary>
public sealed record VerificationRequest(
    Guid WorkspaceId,
    string ProviderId,
    IReadOnlyDictionary<string, string> Values,
    VerificationMode Mode);

/// <summary>An interactive check has one attempt and a 10 s budget; a background check may retry transient failures.</summary>
public enum VerificationMode
{
    Interactive,
    Background,
}
