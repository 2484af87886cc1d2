namespace AgentHub.Core.Connections;

/// <summary>The wire names of <see cref="OutcomeReason"/> and <see cref="ConnectionStatus"/>, and the sentence a user reads for each reason.</summary>
public static class OutcomeReasons
{
    public static string ToCode(this OutcomeReason reason) => reason switch
    {
        OutcomeReason.Ok => "ok",
        OutcomeReason.AuthInvalid => "auth_invalid",
        OutcomeReason.PermissionMissing => "permission_missing",
        OutcomeReason.RateLimited => "rate_limited",
        OutcomeReason.ProviderError => "provider_error",
        OutcomeReason.Unreachable => "unreachable",
        OutcomeReason.InvalidInput => "invalid_input",
        OutcomeReason.ReauthorizationRequired => "reauthorization_required",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static OutcomeReason? FromCode(string? code) =>
        Enum.GetValues<OutcomeReason>().Select(r => (OutcomeReason?)r).FirstOrDefault(r => r!.Value.ToCode() == code);

    public static string ToCode(this ConnectionStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>A sentence a user understands, naming the provider.</summary>
    public static string Sentence(this OutcomeReason reason, string providerName) => reason switch
    {
        OutcomeReason.Ok => $"Connected: {providerName} accepted the credentials.",
        OutcomeReason.AuthInvalid => $"{providerName} rejected the credentials. Check that the key or token is correct and has not expired or been revoked.",
        OutcomeReason.PermissionMissing => $"{providerName} accepted the credentials, but the account lacks access this agent needs.",
        OutcomeReason.RateLimited => $"{providerName} is limiting requests right now. Try again in a little while.",
        OutcomeReason.ProviderError => $"{providerName} answered with an error or an unexpected response. Try again later.",
        OutcomeReason.Unreachable => $"{providerName} could not be reached in time. Check the address fields and try again.",
        OutcomeReason.InvalidInput => $"Some values are not valid for {providerName}. Correct the highlighted fields.",
        OutcomeReason.ReauthorizationRequired => $"{providerName} no longer accepts AgentHub's authorization (it was revoked or expired). Reconnect with {providerName} to authorize again.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
