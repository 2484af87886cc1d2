using System.Collections.Concurrent;
using AgentHub.Core.Connections;

namespace AgentHub.Tests.Infrastructure;

/// <summary>A verifier for component tests: answers with <see cref="Outcome"/> and records what it was asked to verify.</summary>
public sealed class FakeVerifier : IConnectionVerifier
{
    public VerificationOutcome Outcome { get; set; } = new(OutcomeReason.Ok, "Connected: the provider accepted the credentials.");
    public ConcurrentQueue<VerificationRequest> Requests { get; } = new();

    public Task<VerificationOutcome> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(Outcome);
    }
}
