namespace AgentHub.Core.Connections;

/// <summary>The result of checking a connection's credentials against the provider.</summary>
/// <param name="Reason">The one reason the check ended with.</param>
/// <param name="Message">A sentence for the user (never containing a secret).</param>
/// <param name="ProviderMessage">The provider's own error text, sanitised and bounded, when safe to show.</param>
/// <param name="Field">The credential field to fix, when the outcome points at one.</param>
public sealed record VerificationOutcome(
    OutcomeReason Reason,
    string Message,
    string? ProviderMessage = null,
    int? HttpStatus = null,
    TimeSpan? RetryAfter = null,
    TimeSpan? Duration = null,
    string? Field = null)
{
    public bool IsSuccess => Reason == OutcomeReason.Ok;

    /// <summary>On success: the account's human name as the provider answered it (`@acme`), when the catalog says where.</summary>
    public string? AccountName { get; init; }
}
