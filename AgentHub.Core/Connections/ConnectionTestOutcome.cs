namespace AgentHub.Core.Connections;

/// <summary>The outcome of one connection test, for the API and the dialog.</summary>
public sealed record ConnectionTestOutcome(
    bool Success,
    OutcomeReason Reason,
    string Message,
    string? ProviderMessage,
    string? Field,
    int? HttpStatus,
    double? RetryAfterSeconds,
    double? DurationMs)
{
    public static ConnectionTestOutcome From(VerificationOutcome outcome) => new(
        outcome.IsSuccess,
        outcome.Reason,
        outcome.Message,
        outcome.ProviderMessage,
        outcome.Field,
        outcome.HttpStatus,
        outcome.RetryAfter?.TotalSeconds,
        outcome.Duration is { } d ? Math.Round(d.TotalMilliseconds, 1) : null);
}
