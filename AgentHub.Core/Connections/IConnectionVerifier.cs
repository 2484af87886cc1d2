namespace AgentHub.Core.Connections;

/// <summary>Checks a provider's credentials with a live request. Implemented by AgentHub.Integrations.</summary>
public interface IConnectionVerifier
{
    Task<VerificationOutcome> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken);
}
